import type { ComponentType } from 'react';
import type { ViewId } from '../../../shared/views';
import { ApplyView } from './ApplyView';
import { HistoryView } from './HistoryView';
import { OverviewView } from './OverviewView';
import { SettingsView } from './SettingsView';
import { UpdatesView } from './UpdatesView';

export const VIEW_COMPONENTS: Record<ViewId, ComponentType> = {
  overview: OverviewView,
  updates: UpdatesView,
  apply: ApplyView,
  history: HistoryView,
  settings: SettingsView,
};
