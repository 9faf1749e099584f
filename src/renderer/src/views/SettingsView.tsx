import type { ReactElement } from 'react';
import { Section } from '../components/Section';
import { AboutSection } from './settings/AboutSection';
import { CellsSection } from './settings/CellsSection';
import { MonitoringSettingsForm } from './settings/MonitoringSettingsForm';
import { StartAtLoginSetting } from './settings/StartAtLoginSetting';

export function SettingsView(): ReactElement {
  return (
    <>
      <Section title="Cells">
        <CellsSection />
      </Section>
      <Section title="Monitoring">
        <MonitoringSettingsForm />
      </Section>
      <Section title="General">
        <StartAtLoginSetting />
      </Section>
      <Section title="About">
        <AboutSection />
      </Section>
    </>
  );
}
