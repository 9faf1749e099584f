import { createContext, type ReactElement, type ReactNode, useContext } from 'react';
import { useApi } from '../api-context';
import { useViewNavigation, type ViewNavigation } from './useViewNavigation';

const NavigationContext = createContext<ViewNavigation | null>(null);

/** The dashboard's navigation, for the shell (tabs, panel) and for views that open another view. */
export function NavigationProvider({ children }: { children: ReactNode }): ReactElement {
  const navigation = useViewNavigation(useApi());
  return <NavigationContext.Provider value={navigation}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): ViewNavigation {
  const value = useContext(NavigationContext);
  if (!value) {
    throw new Error('useNavigation must be used inside a NavigationProvider.');
  }
  return value;
}
