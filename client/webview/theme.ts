/**
 * Colours for canvas and SVG drawing, read from the page's CSS variables (style.css maps them to
 * VS Code's `--vscode-*` theme colours, with light/dark fallbacks for the standalone report).
 * Canvas and exported SVG cannot follow CSS on their own, so charts are redrawn on theme change.
 */

export interface Palette {
  readonly foreground: string;
  readonly background: string;
  readonly muted: string;
  readonly grid: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** Distinct series colours, in the order series take them. */
  readonly series: readonly string[];
  readonly red: string;
  readonly blue: string;
  readonly green: string;
  readonly orange: string;
  readonly purple: string;
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const value = (name: string) => style.getPropertyValue(name).trim();
  const colour = {
    red: value('--nsc-red'),
    blue: value('--nsc-blue'),
    green: value('--nsc-green'),
    orange: value('--nsc-orange'),
    purple: value('--nsc-purple'),
  };
  return {
    foreground: value('--nsc-fg'),
    background: value('--nsc-bg'),
    muted: value('--nsc-muted'),
    grid: value('--nsc-grid'),
    fontFamily: value('--nsc-font-family'),
    fontSize: Number.parseFloat(value('--nsc-font-size')) || 13,
    series: [colour.blue, colour.orange, colour.green, colour.purple, colour.red, value('--nsc-yellow')],
    ...colour,
  };
}

/** Calls `redraw` when VS Code switches theme (body class, html style) or the OS scheme changes. */
export function onThemeChange(redraw: () => void): void {
  const observer = new MutationObserver(redraw);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
}
