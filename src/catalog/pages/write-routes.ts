import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFoundError } from '../../errors/not-found-error.js';
import type { ImagePublication } from '../image-repository.js';
import { fromAmi } from '../routes/ami-names.js';
import { addImageBody } from '../routes/image-schemas.js';
import { addSwTagBody, tagNameParams } from '../routes/swtag-schemas.js';
import type { SwTagFields } from '../swtag-fields.js';
import { checkForm } from './form-validation.js';
import type { SafeHtml } from './html.js';
import { pageLayout } from './page-layout.js';
import { recordForm, type FormField } from './record-form.js';

const SWTAG_FORM: readonly FormField[] = [
  { name: 'TAGTYPE', required: true, placeholder: 'e.g. prod' },
  { name: 'IMAGETYPE', required: true, placeholder: 'e.g. analysis' },
  { name: 'IMAGEARCH', required: true, placeholder: 'e.g. x86_64' },
  { name: 'IMAGEPLATFORM', required: true, placeholder: 'e.g. el9 or debian-12' },
  { name: 'IMAGECOMPILER', required: true, placeholder: 'e.g. gcc13' },
  { name: 'PRODSTEP', required: true, placeholder: 'e.g. reco' },
  { name: 'SWRELEASE', required: true, placeholder: 'e.g. 24.0.1' },
  { name: 'DBRELEASE', required: true, placeholder: 'e.g. current' },
  { name: 'DISTSWRELEASE', required: true, placeholder: 'e.g. 24.0.1' },
  { name: 'VERSION', required: true, placeholder: 'e.g. 1' },
  { name: 'COMMENT', required: false },
];

const IMAGE_FORM: readonly FormField[] = [
  { name: 'REGISTRY', required: true, placeholder: 'e.g. ghcr.io' },
  { name: 'REPOSITORY_USER', required: true, placeholder: 'e.g. atlas' },
  { name: 'REPOSITORY_NAME', required: true, placeholder: 'e.g. athanalysis' },
  { name: 'HASH_DIGEST', required: true, placeholder: 'sha256:…' },
];

/** Writers' pages: define a SW-Tag, add an image to one. Errors come back on the form, values kept. */
export const writeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Writers only: the auth hook sends anonymous visitors to log in and takes form posts from this site only.
  const config = { role: 'writer', page: true } as const;
  const send = (request: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(pageLayout({ title, actor: request.actor, path: request.url, body }));

  app.get('/swtags/new', { config }, async (request, reply) => {
    const form = recordForm({
      action: '/swtags',
      fields: SWTAG_FORM,
      values: {},
      errors: {},
      submit: 'Create SW-Tag',
    });
    return send(request, reply, 'New SW-Tag', form);
  });

  app.post('/swtags', { config }, async (request, reply) => {
    const { values, errors } = checkForm(addSwTagBody, request.body);
    if (Object.keys(errors).length > 0) {
      const form = recordForm({
        action: '/swtags',
        fields: SWTAG_FORM,
        values,
        errors,
        submit: 'Create SW-Tag',
      });
      return send(request, reply, 'New SW-Tag', form, 400);
    }
    const { tag, created } = await app.catalog.swtags.add(
      fromAmi(values) as unknown as SwTagFields,
      request.actor,
    );
    return reply.redirect(`/swtags/${tag.tagname}?notice=${created ? 'created' : 'existing'}`, 303);
  });

  const imageForm = (tagName: string, values: Record<string, string>, errors: Record<string, string>) =>
    recordForm({
      action: `/swtags/${tagName}/images`,
      fields: IMAGE_FORM,
      values,
      errors,
      submit: `Add image to ${tagName}`,
    });

  app.get(
    '/swtags/:tagName/images/new',
    { config, schema: { params: tagNameParams } },
    async (request, reply) => {
      const { tagName } = request.params;
      if (!(await app.catalog.swtags.get(tagName)))
        throw notFoundError(`SW-Tag ${tagName}`, { subject: tagName });
      return send(request, reply, `Add an image to ${tagName}`, imageForm(tagName, {}, {}));
    },
  );

  app.post(
    '/swtags/:tagName/images',
    { config, schema: { params: tagNameParams } },
    async (request, reply) => {
      const { tagName } = request.params;
      if (!(await app.catalog.swtags.get(tagName)))
        throw notFoundError(`SW-Tag ${tagName}`, { subject: tagName });
      const { values, errors } = checkForm(addImageBody, request.body, { REPOSITORY_SWTAG: tagName });
      if (Object.keys(errors).length > 0) {
        return send(request, reply, `Add an image to ${tagName}`, imageForm(tagName, values, errors), 400);
      }
      const { image, created } = await app.catalog.images.add(
        fromAmi(values) as unknown as ImagePublication,
        request.actor,
      );
      const notice = created ? 'image-added' : 'image-existing';
      return reply.redirect(`/swtags/${tagName}?notice=${notice}#image-${image.id}`, 303);
    },
  );
};
