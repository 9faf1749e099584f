import { describe, expect, it } from 'vitest';
import { API_GLOBAL, ipcContract, ipcEvents, listInvokeChannels } from './contract';

const CHANNEL_PATTERN = /^[a-z]+(?:-[a-z]+)*:[a-z]+(?:-[a-z]+)*$/;

/** An area's name as its channels spell it: `appStatus` → `app-status`. */
const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const invokeChannels = listInvokeChannels();
const eventChannels = Object.values(ipcEvents).map((spec) => spec.channel);

describe('shared/ipc/contract', () => {
  it('lists every method of every area exactly once', () => {
    const expected = Object.entries(ipcContract).flatMap(([area, methods]) =>
      Object.keys(methods).map((method) => `${area}.${method}`),
    );
    expect(invokeChannels.map(({ area, method }) => `${area}.${method}`)).toEqual(expected);
    expect(invokeChannels.length).toBeGreaterThan(0);
  });

  it('gives every invoke and event channel a unique name', () => {
    const all = [...invokeChannels.map(({ spec }) => spec.channel), ...eventChannels];
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(invokeChannels.map((entry) => [entry.spec.channel, entry.area] as const))(
    'prefixes invoke channel %s with its area %s',
    (channel, area) => {
      expect(channel.startsWith(`${kebab(area)}:`)).toBe(true);
    },
  );

  it.each([...invokeChannels.map(({ spec }) => spec.channel), ...eventChannels])(
    'names channel %s as area:kebab-case',
    (channel) => {
      expect(channel).toMatch(CHANNEL_PATTERN);
    },
  );

  it('rejects channel names that are not area:kebab-case (pattern self-check)', () => {
    for (const bad of [
      'getInfo',
      'app:getInfo',
      'app:get_info',
      'App:get-info',
      'app:get-info:x',
      'app:-x',
      'appStatus:get',
      'app-:get',
      ':x',
    ]) {
      expect(bad).not.toMatch(CHANNEL_PATTERN);
    }
  });

  it.each(invokeChannels.map((entry) => [entry.spec.channel, entry] as const))(
    'request schema of %s is strict or accepts only undefined',
    (_channel, { spec }) => {
      if (spec.request.safeParse(undefined).success) {
        // A no-argument method: every other value is a malformed call.
        for (const other of [null, {}, [], '', 0, false, { extra: true }]) {
          expect(spec.request.safeParse(other).success).toBe(false);
        }
        return;
      }
      const result = spec.request.safeParse({ unexpectedExtraKey: 'x' });
      expect(result.success).toBe(false);
      expect(result.error?.issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
    },
  );

  it('exposes the API under a fixed global name', () => {
    expect(API_GLOBAL).toBe('dedicatedAdmin');
  });
});
