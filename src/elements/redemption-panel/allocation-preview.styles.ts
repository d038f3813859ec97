import { css } from 'lit';
import { token } from '../styles/tokens.js';

// The allocation table, inside the panel's shadow root: it reads the panel's `--_border` and
// `--_share`. The frame is the table's size container, so narrow cells follow the panel's width.
export const allocationPreviewStyles = css`
  .preview-frame {
    container-type: inline-size;
  }
  [part~='preview'] {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  [part~='preview'] caption {
    text-align: start;
    font-size: ${token('font-size-small')};
    font-weight: ${token('font-weight-bold')};
    padding-bottom: ${token('space-1')};
  }
  [part~='preview'] th,
  [part~='preview'] td {
    padding: ${token('space-1')} ${token('space-2')};
    border-bottom: 1px solid var(--_border);
    text-align: end;
  }
  [part~='preview'] td {
    white-space: nowrap;
  }
  @container (max-width: 26rem) {
    [part~='preview'] th,
    [part~='preview'] td {
      padding-inline: ${token('space-1')};
      font-size: ${token('font-size-small')};
    }
  }
  [part~='preview'] th[scope='row'],
  [part~='preview'] thead th:first-child {
    text-align: start;
    font-weight: normal;
  }
  /* The item column takes what the figures leave (they never wrap); its name is clipped to
     that, and adds nothing to the table's width (holds-outside). */
  [part~='preview'] th[scope='row'] {
    width: 100%;
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 0.25em;
    overflow: hidden;
  }
  [part~='preview-quantity'] {
    flex: none;
    white-space: nowrap;
  }
  /* A benefit's name heads its column: clipped, its full text in the title. */
  .column {
    display: block;
    max-width: 8rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='preview-share'] {
    color: var(--_share);
  }
  [part~='preview-total'] th,
  [part~='preview-total'] td {
    font-weight: ${token('font-weight-bold')};
    border-bottom: 0;
  }
`;
