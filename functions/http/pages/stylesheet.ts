import { createHash } from 'node:crypto';

// The pages' one stylesheet, served from the same origin (`style-src 'self'`: no inline style, so
// the tenant's accent colour is a stylesheet of its own, named by the colour). System fonts only:
// no request leaves the origin.

const SITE_CSS = `*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#f4f4f2;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:#0b57a4}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #0b57a4;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem}
header.top{background:#fff;border-bottom:4px solid var(--accent,#1f4e79)}
.rule{border-top:4px solid var(--accent,#1f4e79)}
.top-inner{max-width:64rem;margin:0 auto;padding:.75rem 1rem;display:flex;align-items:center;gap:.75rem;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:.75rem;font-weight:600;font-size:1.125rem;flex:1 1 auto;min-width:0}
.brand img{max-height:2.5rem;max-width:8rem;width:auto;height:auto}
.brand span{overflow-wrap:anywhere}
.lang{font-size:.9375rem}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.125rem;margin:0 0 .75rem}
.card{background:#fff;border:1px solid #d6d6d2;border-radius:6px;padding:1rem;margin:0 0 1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8125rem;word-break:break-all}
ol.stages{margin:0;padding-left:1.25rem}
ol.stages li{margin:0 0 .5rem}
.badge{display:inline-block;font-size:.8125rem;padding:0 .4rem;border-radius:3px;background:#e8e8e4;color:#1a1a1a}
.badge.ok{background:#dcefdc;color:#14461a}
.badge.no{background:#f6dddd;color:#6e1212}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain li{margin:0 0 .25rem}
.viewer iframe{display:block;width:100%;height:70vh;min-height:20rem;border:1px solid #d6d6d2;background:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:.75rem 0 0}
.button,button{display:inline-block;font:inherit;font-weight:600;padding:.625rem 1.25rem;border-radius:4px;border:2px solid var(--accent,#1f4e79);background:var(--accent,#1f4e79);color:var(--on-accent,#fff);text-decoration:none;cursor:pointer;min-height:44px}
.button.secondary,button.secondary{background:#fff;color:#1a1a1a;border-color:#5c5c58}
label{display:block;font-weight:600;margin:0 0 .25rem}
.hint{font-size:.875rem;color:#4a4a46;margin:0 0 .25rem}
textarea,select{display:block;width:100%;font:inherit;padding:.5rem;border:1px solid #767672;border-radius:4px;background:#fff;color:#1a1a1a}
textarea{min-height:6rem}
textarea[aria-invalid=true],select[aria-invalid=true]{border:2px solid #b00020}
.field-error{color:#b00020;font-weight:600;margin:.25rem 0 0}
.notice{border-left:4px solid var(--accent,#1f4e79);padding:.5rem 1rem;background:#fff;margin:0 0 1rem}
footer{max-width:64rem;margin:0 auto;padding:1rem;font-size:.8125rem;color:#4a4a46}
@media (min-width:48rem){main{padding:1.5rem 1rem}h1{font-size:1.75rem}}
input[type=text],input[type=email]{display:block;width:100%;font:inherit;padding:.5rem;border:1px solid #767672;border-radius:4px;background:#fff;color:#1a1a1a;min-height:44px;margin:0 0 .75rem}
input[aria-invalid=true]{border:2px solid #b00020}
.check{display:flex;align-items:center;gap:.5rem;margin:.5rem 0 0}
.check input{width:1.5rem;height:1.5rem;margin:0;flex:none}
.check label{margin:0}
.check input[aria-invalid=true]{outline:3px solid #b00020;outline-offset:2px}
`;

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

/** Named by its content: a changed stylesheet is a new name, so it may be cached for a year. */
export const SITE_CSS_NAME = `site.${hash(SITE_CSS)}.css`;

/** sRGB relative luminance (WCAG 2.1). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The text colour on the accent that keeps WCAG AA (4.5:1): white on dark accents, near-black on light ones. */
export function onAccent(accent: string): string {
  const l = luminance(accent);
  return contrast(l, 1) >= 4.5 ? '#ffffff' : '#111111';
}

export const accentCssName = (accent: string | undefined): string | undefined =>
  accent && /^#[0-9a-f]{6}$/i.test(accent) ? `accent.${accent.slice(1).toLowerCase()}.css` : undefined;

/** The stylesheet for a name the pages link to, or undefined (404). */
export function stylesheet(name: string): string | undefined {
  if (name === SITE_CSS_NAME) return SITE_CSS;
  const accent = /^accent\.([0-9a-f]{6})\.css$/.exec(name)?.[1];
  if (accent) return `:root{--accent:#${accent};--on-accent:${onAccent(`#${accent}`)}}\n`;
  return undefined;
}
