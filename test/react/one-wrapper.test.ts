/**
 * `omneo-pos-kit/react/balance` alone (this file imports no other kit module that defines a
 * tag): the wrapper registers its own tag, no other, and renders the member's balance.
 */
import { expect } from '@open-wc/testing';
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { OmneoBalance } from '../../src/react/balance.js';
import { SEED } from '../../src/mocks/index.js';
import { omneo, until, visibleText } from '../elements/helpers.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('omneo-pos-kit/react/balance', () => {
  it('registers <omneo-balance> and no other tag, and shows the balance', async () => {
    expect(customElements.get('omneo-balance'), 'defined by importing the wrapper').to.not.equal(undefined);
    for (const tag of ['omneo-member-lookup', 'omneo-benefit-picker', 'omneo-redemption-panel']) {
      expect(customElements.get(tag), `${tag} came along`).to.equal(undefined);
    }
    const o = omneo();
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => root.render(createElement(OmneoBalance, { client: o.client, profileId: SEED.ava.id, lang: 'en-AU' })));
    const el = container.querySelector('omneo-balance')!;
    await until(() => visibleText(el).includes('$25.00'), 'the balance on screen');
    await act(async () => root.unmount());
    container.remove();
  });
});
