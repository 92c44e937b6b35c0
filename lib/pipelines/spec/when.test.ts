import { describe, expect, it } from 'vitest';
import { checkWhenSyntax, evaluateWhen } from './when';

describe('evaluateWhen', () => {
  it.each([
    ['heads == heads', true],
    ['heads != heads', false],
    ["'a b' == 'a b'", true],
    ['hello world == "hello world"', true],
    ['3 > 2', true],
    ['10 > 9', true],
    ['"10" > "9"', false],
    ['yes == yes && 1 == 2', false],
    ['yes == yes || 1 == 2', true],
    ['!(a == b)', true],
    ['true', true],
    ['(a == a) && (b != c)', true],
  ])('%s → %s', (src, want) => expect(evaluateWhen(src)).toBe(want));

  it.each(['', 'a ==', '(a == b', 'a == b )', 'a && b', 'a', 'a = b', '"open == x'])('refuses %j', (src) => expect(() => evaluateWhen(src)).toThrow());

  it('checks syntax with references in place', () => {
    expect(checkWhenSyntax('{{steps.a.outputs.parameters.x}} == yes')).toBeUndefined();
    expect(checkWhenSyntax('{{steps.a.outputs.parameters.x}} ==')).toMatch(/ends too early/);
  });
});
