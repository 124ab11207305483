/** The catalog pages' one stylesheet, served as /catalog.css (the pages' CSP allows no inline styles). */
export const PAGE_STYLE = `
:root { font-family: system-ui, sans-serif; color: #1f2328; background: #fff; }
body { margin: 0; }
header { display: flex; align-items: center; justify-content: space-between; padding: .6rem 1.5rem;
  background: #24292f; color: #fff; }
header a { color: #fff; text-decoration: none; margin-left: 1rem; }
header .brand { margin-left: 0; font-weight: 600; }
header .who { margin-left: 1rem; opacity: .85; }
main { padding: 1rem 1.5rem 3rem; max-width: 80rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin-top: 1.75rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
th { background: #f6f8fa; }
code, .pull { font-family: ui-monospace, monospace; font-size: .85rem; }
.pull { display: block; background: #f6f8fa; padding: .2rem .4rem; border-radius: 4px; user-select: all;
  white-space: nowrap; overflow-x: auto; max-width: 34rem; margin-bottom: .15rem; }
.scroll { overflow-x: auto; }
td.nowrap, th.nowrap { white-space: nowrap; }
form.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
form.inline { display: inline; margin-left: .5rem; }
label { display: block; font-size: .85rem; font-weight: 600; margin-bottom: .2rem; }
input, select { font: inherit; padding: .3rem .45rem; border: 1px solid #8c959f; border-radius: 4px; }
button { font: inherit; padding: .35rem .9rem; border-radius: 4px; border: 1px solid #1f883d;
  background: #1f883d; color: #fff; cursor: pointer; }
header button { background: transparent; border-color: #8c959f; padding: .1rem .6rem; }
.fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .8rem 1.2rem;
  margin-bottom: 1rem; }
.field-error { color: #cf222e; font-size: .8rem; margin-top: .2rem; }
input[aria-invalid="true"] { border-color: #cf222e; }
.alert { border: 1px solid #cf222e; background: #ffebe9; padding: .6rem .9rem; border-radius: 6px; margin-bottom: 1rem; }
.notice { border: 1px solid #1a7f37; background: #dafbe1; padding: .6rem .9rem; border-radius: 6px; margin-bottom: 1rem; }
dl.record { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.2rem; }
dl.record dt { font-weight: 600; }
dl.record dd { margin: 0; }
.pager { margin-top: .8rem; display: flex; gap: 1rem; align-items: center; }
.muted { color: #656d76; }
`;
