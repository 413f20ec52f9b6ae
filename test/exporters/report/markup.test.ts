/**
 * Markup: every interpolated string is escaped, markup is not escaped twice, and coordinates
 * print the same on every run.
 */
import { describe, expect, it } from 'vitest';
import { esc, html, join, px, trusted } from '../../../src/exporters/report/markup.js';

describe('markup', () => {
  it('escapes the five characters that can open a tag or end an attribute', () => {
    expect(esc(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });
  it('escapes interpolated text but not interpolated markup', () => {
    const name = '<img src=x onerror=alert(1)>';
    const inner = html`<b>${name}</b>`;
    expect(html`<p title="${name}">${inner}</p>`.text).toBe('<p title="&lt;img src=x onerror=alert(1)&gt;"><b>&lt;img src=x onerror=alert(1)&gt;</b></p>');
  });
  it('renders lists, and nothing for null, undefined and false', () => {
    expect(html`${['a', html`<i>b</i>`, null, undefined, false, 3]}`.text).toBe('a<i>b</i>3');
    expect(join(['x', null, 'y'], ', ').text).toBe('x, y');
    expect(trusted('<style>a{}</style>').text).toBe('<style>a{}</style>');
  });
  it('refuses a number that is not finite rather than printing NaN into a drawing', () => {
    expect(() => html`${Number.NaN}`).toThrow(RangeError);
    expect(() => px(Infinity)).toThrow(RangeError);
  });
  it('prints coordinates with one decimal and never -0', () => {
    expect(px(12.345)).toBe('12.3');
    expect(px(-0.04)).toBe('0');
    expect(px(100)).toBe('100');
  });
});
