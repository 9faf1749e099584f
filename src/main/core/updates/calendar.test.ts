import { describe, expect, it } from 'vitest';
import { type CalendarUpdate, calendarFileName, calendarUid, deadlineCalendarFile } from './calendar';

const NOW = new Date('2026-11-20T09:15:00Z');
const UPDATE: CalendarUpdate = {
  id: 'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/v37/0f1e2d3c',
  cellName: 'prod',
  label: 'Infrastructure Update v37',
  deadline: new Date('2026-12-02T13:00:00Z'),
  stacks: ['gitpod-role', 'gitpod-instance'],
};

interface Property {
  readonly name: string;
  readonly value: string;
}

/** RFC 5545 content lines: unfolded, split at the first colon, parameters and escapes removed. */
function parse(text: string): Property[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      return {
        name: (line.slice(0, colon).split(';')[0] ?? '').toUpperCase(),
        value: line
          .slice(colon + 1)
          .replace(/\\([\\;,nN])/g, (_match, c: string) => (c.toLowerCase() === 'n' ? '\n' : c)),
      };
    });
}

/** The properties of the first component with this name (VEVENT, VALARM), not of those nested in it. */
function component(properties: Property[], name: string): Map<string, string> {
  const begin = properties.findIndex((p) => p.name === 'BEGIN' && p.value === name);
  expect(begin).toBeGreaterThanOrEqual(0);
  const own = new Map<string, string>();
  let depth = 0;
  for (const property of properties.slice(begin + 1)) {
    if (property.name === 'END' && depth === 0) break;
    if (property.name === 'BEGIN') depth += 1;
    else if (property.name === 'END') depth -= 1;
    else if (depth === 0) own.set(property.name, property.value);
  }
  return own;
}

describe('src/main/core/updates/calendar', () => {
  const text = deadlineCalendarFile(UPDATE, NOW);
  const properties = parse(text);
  const event = component(properties, 'VEVENT');

  it('is one VEVENT in a VCALENDAR with CRLF line ends and folded lines', () => {
    expect(properties[0]).toEqual({ name: 'BEGIN', value: 'VCALENDAR' });
    expect(properties.at(-1)).toEqual({ name: 'END', value: 'VCALENDAR' });
    expect(properties.filter((p) => p.name === 'BEGIN' && p.value === 'VEVENT')).toHaveLength(1);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('starts at the deadline, in UTC', () => {
    expect(event.get('DTSTART')).toBe('20261202T130000Z');
    expect(event.get('DTSTAMP')).toBe('20261120T091500Z');
  });

  it('names the cell and the update in its summary', () => {
    expect(event.get('SUMMARY')).toBe('Apply Infrastructure Update v37 to Gitpod Dedicated cell prod');
  });

  it('says what to do, in which stack order, and what missing it means', () => {
    const description = event.get('DESCRIPTION') ?? '';
    expect(description).toContain('open Dedicated Admin, go to Updates and choose Apply');
    expect(description).toContain('gitpod-role, then gitpod-instance');
    expect(description).toContain('outside the support SLA');
  });

  it('does not mark the admin busy', () => {
    expect(event.get('TRANSP')).toBe('TRANSPARENT');
  });

  it('carries a display alarm a day before the deadline', () => {
    const alarm = component(properties, 'VALARM');
    expect(alarm.get('ACTION')).toBe('DISPLAY');
    expect(alarm.get('TRIGGER')).toBe('-PT24H');
    expect(alarm.get('DESCRIPTION')).toBe('prod: Infrastructure Update v37 is due in 24 hours');
  });

  it('has a UID derived from the update id alone, so adding it again replaces the event', () => {
    expect(event.get('UID')).toBe(calendarUid(UPDATE.id));
    const again = component(
      parse(deadlineCalendarFile({ ...UPDATE, deadline: new Date('2026-12-09T13:00:00Z') }, NOW)),
      'VEVENT',
    );
    expect(again.get('UID')).toBe(event.get('UID'));
    expect(calendarUid('another update')).not.toBe(event.get('UID'));
    expect(event.get('UID')).toMatch(/^update-[0-9a-f]{32}@dedicated-admin$/);
  });

  it('escapes text that iCalendar gives meaning to', () => {
    const tricky = deadlineCalendarFile({ ...UPDATE, cellName: 'prod; eu, main', label: 'Update\nv38' }, NOW);
    const summary = component(parse(tricky), 'VEVENT').get('SUMMARY');
    expect(summary).toBe('Apply Update\nv38 to Gitpod Dedicated cell prod; eu, main');
  });

  it('folds long non-ASCII text between characters, never inside one', () => {
    const name = 'Zürich-Größe-'.repeat(10);
    const long = deadlineCalendarFile({ ...UPDATE, cellName: name }, NOW);
    // ics folds at 75 characters, not 75 octets as RFC 5545 recommends (a SHOULD): lines with
    // non-ASCII text can be a little longer, which calendar apps accept.
    for (const line of long.split('\r\n')) expect([...line].length).toBeLessThanOrEqual(75);
    expect(long).not.toContain('\uFFFD');
    expect(component(parse(long), 'VEVENT').get('SUMMARY')).toBe(
      `Apply Infrastructure Update v37 to Gitpod Dedicated cell ${name}`,
    );
  });

  it('gets a file name that says what it is and is safe on every platform', () => {
    expect(calendarFileName(UPDATE)).toBe('prod-infrastructure-update-v37-deadline.ics');
    expect(calendarFileName({ ...UPDATE, cellName: '../Zürich', label: '' })).toBe('zurich-deadline.ics');
  });
});
