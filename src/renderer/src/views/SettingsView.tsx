import type { ReactElement } from 'react';
import { Section } from '../components/Section';
import { AboutSection } from './settings/AboutSection';
import { StartAtLoginSetting } from './settings/StartAtLoginSetting';

export function SettingsView(): ReactElement {
  return (
    <>
      <Section title="General">
        <StartAtLoginSetting />
      </Section>
      <Section title="About">
        <AboutSection />
      </Section>
    </>
  );
}
