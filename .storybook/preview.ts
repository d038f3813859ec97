/**
 * Every story's setup: the Custom Elements Manifest (generated from the elements' JSDoc by
 * `npm run manifest`) gives the controls for attributes and properties, an action for each
 * event, the parts and custom properties in the controls table, and an autodocs page for
 * each element.
 */
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: {
      expanded: true,
      // Objects a control cannot build (the client, a profile, the clock, the journal) and the
      // raw profile id: stories choose a seeded member with the `member` control instead.
      exclude: ['client', 'profile', 'profileId', 'profile-id', 'now', 'journal', 'selected', 'benefits'],
    },
  },
};

export default preview;
