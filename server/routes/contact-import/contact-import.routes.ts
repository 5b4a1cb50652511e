import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { importResultSchema } from '../../../shared/schemas/contact';
import { apiErrorSchema } from '../../../shared/schemas/error';
import type { AppEnv } from '../../app-env';
import { MAX_IMPORT_ROWS } from '../../domain/contacts/csv-rows';
import { ApiError } from '../../http/api-error';
import { errorResponses, jsonResponse } from '../../http/router';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

/** Checked before the body is read, so a wrong upload costs nothing. */
const csvContentType = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('content-type') ?? '';
  const [type = '', ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (!CSV_TYPES.includes(type)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `send the file as the raw request body with Content-Type: text/csv (got "${header || 'none'}")`,
    );
  }
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `send the file encoded as UTF-8 (got charset=${charset})`,
    );
  }
  await next();
});

const sizeLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new ApiError(
      413,
      'payload_too_large',
      `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    );
  },
});

export const importContacts = createRoute({
  method: 'post',
  path: '/contacts/import',
  tags: ['contacts'],
  security: [{ bearer: [] }],
  middleware: [csvContentType, sizeLimit] as const,
  description: [
    'Imports contacts from a CSV file sent as the raw body (`Content-Type: text/csv`, UTF-8, optional BOM).',
    'The first row names the columns. Any header is importable: the contact fields (`email`, `firstName`, …,',
    '`phone`, `linkedinUrl`) and the column names of Apollo, HubSpot, Salesforce, Outreach, Pipedrive and',
    'Sales Navigator exports map to fields (case, spacing and punctuation ignored: "Email Address", "Mobile',
    'Phone", "Person Linkedin Url", "Country/Region", "Contact Owner", "Email Opt Out"); other columns become',
    'custom fields under a normalised key ("# Employees" → `employees`). `columns` says where each went.',
    'Values are read as exports write them: country names in several languages, time zones as IANA,',
    'Windows or "(GMT-06:00) Central Time", each tool\'s email statuses, owners by email or name, `Lists`',
    'into lists, `Company`/`Website` into accounts (created when missing); opted-out rows are unsubscribed',
    'and bounced ones go on the bounce list. A value that cannot be read fails only its cell (`cellErrors`).',
    '',
    'Rows are matched to contacts by email, case-insensitively: an existing contact is updated, and only',
    'non-empty cells overwrite its values (custom fields are merged). A later row with the same email as',
    'an earlier row of the same file updates the contact that row created. Every data row is counted',
    'exactly once, in `created`, `updated` or `failed`.',
    '',
    '`failed[].row` is the 1-based data row number: the first row after the header is row 1 (blank lines',
    'are not counted). A row fails only when it has no usable email, name, phone or LinkedIn profile.',
    `At most ${MAX_IMPORT_ROWS} data rows and ${MAX_IMPORT_BYTES / 1024 / 1024} MB per request.`,
  ].join('\n'),
  request: {
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.string().openapi({ example: 'email,firstName\nada@acme.com,Ada' }) },
      },
    },
  },
  responses: {
    200: jsonResponse(importResultSchema, 'What the import did'),
    ...errorResponses,
    413: jsonResponse(apiErrorSchema, `Over ${MAX_IMPORT_ROWS} rows or ${MAX_IMPORT_BYTES / 1024 / 1024} MB`),
    415: jsonResponse(apiErrorSchema, 'The body is not a UTF-8 CSV'),
  },
});

export type ImportContactsRoute = typeof importContacts;
