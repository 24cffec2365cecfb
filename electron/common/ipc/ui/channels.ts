import type { UiCommand } from '../../ui/types';

export const UiEvent = {
  CommandRequested: 'ui:commandRequested',
} as const;

export interface UiEventMap {
  [UiEvent.CommandRequested]: UiCommand;
}
