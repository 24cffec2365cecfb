import type { UiCommand } from '../../types/ui';

export const UiEvent = {
  CommandRequested: 'ui:commandRequested',
} as const;

export interface UiEventMap {
  [UiEvent.CommandRequested]: UiCommand;
}
