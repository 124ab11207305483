/** Where the generated tables start: Home.md is the template cut right after this marker, then the tables. */
export const YEAR_MONTHLY_TABLES = '<!-- YEAR_MONTHLY_TABLES -->';

/**
 * Home.md, modelled on docker-stacks' wiki/Home.md. `{REPOSITORY}` is the GitHub owner/name the images are built
 * from; a line naming it is left out when no repository is known. Override with `stackhook publish --home-template`.
 */
export const HOME_TEMPLATE = `# Container image build manifests

<!-- Note: this page is written by \`stackhook publish\`, edits on the wiki will be overridden -->

Welcome!
These are the images built from [{REPOSITORY}](https://github.com/{REPOSITORY}) by stackhook.

## Build History

This is an auto-generated index of information from the build system.
In this index, you can find image tags, links to commits, and build manifests that describe the image.
All the builds are grouped by year and then month.

Note: only the most recent build manifests are kept (4500 by default, because of GitHub limits).
That's why old manifest files might not be available.
If you want to clone this repo and access the Git history, use the following command: \`git clone git@github.com:{REPOSITORY}.wiki.git\`

In the tables below, each line represents:

- \`YYYY-MM\`: link to a page with a list of images built
- \`Builds\`: # of times the build workflow finished (lines for the most often built image, or \`--count-image\`, without aarch64)
- \`Images\`: # of single platform images pushed
- \`Commits\`: # of commits made and a GitHub link

<!-- Everything below is auto-generated, all manual changes will be erased -->
${YEAR_MONTHLY_TABLES}
`;
