import { type ReactElement, useId } from 'react';
import { AboutSection } from './settings/AboutSection';
import { StartAtLoginSetting } from './settings/StartAtLoginSetting';

export function SettingsView(): ReactElement {
  const generalId = useId();
  const aboutId = useId();
  return (
    <>
      <section className="section" aria-labelledby={generalId}>
        <h2 className="section__title" id={generalId}>
          General
        </h2>
        <StartAtLoginSetting />
      </section>
      <section className="section" aria-labelledby={aboutId}>
        <h2 className="section__title" id={aboutId}>
          About
        </h2>
        <AboutSection />
      </section>
    </>
  );
}
