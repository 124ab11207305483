import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFilesAtomically } from '../fs/atomic-write.js';
import { filePrefix } from '../hierarchy/image-naming.js';
import type { Platform } from '../hierarchy/platform.js';
import { buildRecordSchema, type BuildFiles, type BuildRecord } from './build-record.js';
import { pushedImageSchema, type PushedImage } from './pushed-image.js';
import { readRecordFile } from './read-record-file.js';

/** Which build of an image a file is about: docker-stacks' `<platform>-<variant>-<image>` names. */
export interface ImageBuild {
  image: string;
  platform: Platform;
  variant: string;
}

/**
 * The out folder (`--out`): the only code that knows its layout (docker-stacks' tags/, manifests/, history/, plus
 * records/, pushed/, sbom/ and tests/) and that reads or writes the records in it. Writes are atomic; reads are
 * validated, a bad record failing with the file and the field at fault.
 */
export class OutFolder {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  private file(kind: string, name: string): string {
    return path.join(this.dir, kind, name);
  }

  /** Every build's manifests (docker-stacks' manifests/), sub-folders of downloaded artifacts included. */
  get manifestsDir(): string {
    return path.join(this.dir, 'manifests');
  }

  /** Every build's history line (docker-stacks' history/). */
  get historyDir(): string {
    return path.join(this.dir, 'history');
  }

  private stem(build: ImageBuild): string {
    return `${filePrefix(build.platform, build.variant)}-${build.image}`;
  }

  /** The tags file: `<prefix>-latest` first, then one reference per tagger. */
  tagsFile(build: ImageBuild): string {
    return this.file('tags', `${this.stem(build)}.txt`);
  }

  /** Where an image's BuildRecord lives: one per image, platform and variant, whatever the commit. */
  recordFile(build: ImageBuild): string {
    return this.file('records', `${this.stem(build)}.json`);
  }

  /** Where `push` leaves the PushedImage, for later jobs (register, a child built on another runner). */
  pushedFile(build: ImageBuild): string {
    return this.file('pushed', `${this.stem(build)}.json`);
  }

  /** The build's JUnit XML (docker-stacks' users read test results from CI as JUnit). */
  testsFile(build: ImageBuild): string {
    return this.file('tests', `${this.stem(build)}.xml`);
  }

  /** A failed test's JUnit file, alone: CI shows what failed (passing tests' is written by writeBuild). */
  writeTests(build: ImageBuild, xml: string): Promise<void> {
    return writeFilesAtomically(new Map([[this.testsFile(build), xml]]));
  }

  /** Every file `hook` writes for one build at one commit (manifest, history line and SBOM carry the sha). */
  buildFiles(build: ImageBuild, shortSha: string): BuildFiles {
    const stem = `${this.stem(build)}-${shortSha}`;
    return {
      tags: this.tagsFile(build),
      manifest: path.join(this.manifestsDir, `${stem}.md`),
      history: path.join(this.historyDir, `${stem}.txt`),
      record: this.recordFile(build),
      sbom: this.file('sbom', `${stem}.cdx.json`),
    };
  }

  /** The build's record, validated; missing or invalid is bad input naming the file. */
  readRecord(build: ImageBuild): Promise<BuildRecord> {
    return readRecordFile(this.recordFile(build), buildRecordSchema, `the record of ${build.image}`);
  }

  /** The build's record, or why there is none usable (missing, not JSON, not a record). */
  async findRecord(build: ImageBuild): Promise<BuildRecord | string> {
    return this.readRecord(build).catch((error: Error) => error.message);
  }

  readPushed(build: ImageBuild): Promise<PushedImage> {
    return readRecordFile(this.pushedFile(build), pushedImageSchema, `the push record of ${build.image}`);
  }

  /** The tags file's references, undefined when the build left none here. */
  async readTags(build: ImageBuild): Promise<string[] | undefined> {
    const text = await readFile(this.tagsFile(build), 'utf8').catch(() => undefined);
    return text?.split('\n').filter(Boolean);
  }

  writePushed(pushed: PushedImage): Promise<void> {
    return writeFilesAtomically(new Map([[this.pushedFile(pushed), `${JSON.stringify(pushed, null, 2)}\n`]]));
  }

  /**
   * A build's files and its record (and its tests' JUnit XML, when they ran), all renamed into place together
   * once every one is written.
   */
  writeBuild(
    record: BuildRecord,
    contents: Omit<Record<keyof BuildFiles, string>, 'record'> & { junit?: string | undefined },
  ): Promise<void> {
    const { files } = record;
    const junit = record.tests?.junit;
    return writeFilesAtomically(
      new Map([
        [files.tags, contents.tags],
        [files.manifest, contents.manifest],
        [files.history, contents.history],
        [files.sbom, contents.sbom],
        ...(junit && contents.junit !== undefined ? [[junit, contents.junit] as [string, string]] : []),
        [files.record, `${JSON.stringify(record, null, 2)}\n`],
      ]),
    );
  }
}
