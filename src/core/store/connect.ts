// Opening a team store: a LanceDB database at a folder or an object-storage
// URI. Credentials are never part of the URI or of any setting: for s3:// they
// come from the usual AWS environment variables, which LanceDB's object store
// is handed explicitly here so that an S3-compatible endpoint on plain HTTP
// (a local MinIO or s3rver) works too.
import * as path from 'node:path';
import type { Connection } from '@lancedb/lancedb';
import { UserError } from '../types';

/** The environment a store is opened with (process.env unless a caller says otherwise). */
export type StoreEnvironment = Readonly<Record<string, string | undefined>>;

/** True for a URI LanceDB reads through an object store rather than the file system. */
export function isRemoteUri(uri: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) && !/^file:\/\//i.test(uri);
}

const SCHEMES = ['s3', 's3+ddb', 'gs', 'az', 'abfss'];

/**
 * The object store's options for `uri`, from the environment: for s3, the
 * endpoint (AWS_ENDPOINT_URL, or AWS_ENDPOINT_URL_S3), region and keys, and
 * plain HTTP allowed when the endpoint is http://. Other schemes (gs, az)
 * read their own environment variables inside LanceDB.
 */
export function storageOptions(uri: string, env: StoreEnvironment = process.env): Record<string, string> {
  if (!/^s3(\+ddb)?:\/\//i.test(uri)) return {};
  const options: Record<string, string> = {};
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
  if (endpoint) {
    options.aws_endpoint = endpoint;
    // An endpoint of one's own (MinIO, s3rver) is addressed by path, not by bucket subdomain.
    options.aws_virtual_hosted_style_request = 'false';
    if (/^http:\/\//i.test(endpoint)) options.allow_http = 'true';
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (region) options.aws_region = region;
  else if (endpoint) options.aws_region = 'us-east-1'; // any region: a custom endpoint ignores it, but the signer needs one.
  if (env.AWS_ACCESS_KEY_ID) options.aws_access_key_id = env.AWS_ACCESS_KEY_ID;
  if (env.AWS_SECRET_ACCESS_KEY) options.aws_secret_access_key = env.AWS_SECRET_ACCESS_KEY;
  if (env.AWS_SESSION_TOKEN) options.aws_session_token = env.AWS_SESSION_TOKEN;
  return options;
}

/** What a store URI names, for messages: the URI without any user:password part. */
export function describeUri(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** A URI or folder checked and made absolute (a folder relative to `cwd`). */
export function normaliseUri(uri: string, cwd = process.cwd()): string {
  const text = uri.trim();
  if (text === '') throw new UserError('the team store URI is empty');
  if (/^file:\/\//i.test(text)) return path.resolve(decodeURIComponent(text.slice('file://'.length)));
  if (isRemoteUri(text)) {
    const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
    if (!SCHEMES.includes(scheme)) throw new UserError(`unsupported team store URI "${describeUri(text)}" (a folder, or ${SCHEMES.map((s) => `${s}://`).join(', ')})`);
    if (/^[a-z0-9+.-]+:\/\/[^/@]*@/i.test(text)) throw new UserError('credentials do not belong in the team store URI: set them in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
    return text.replace(/\/+$/, '');
  }
  return path.resolve(cwd, text);
}

let loaded: Promise<typeof import('@lancedb/lancedb')> | undefined;

/**
 * LanceDB, loaded on first use: its native library is large, and most runs of
 * Latent Map never open a store. Its Rust log goes to standard error; only
 * errors are worth a user's eyes there (it warns, for instance, each time it
 * creates a table).
 */
export function lancedb(): Promise<typeof import('@lancedb/lancedb')> {
  process.env.LANCEDB_LOG ??= 'error';
  loaded ??= import('@lancedb/lancedb');
  return loaded;
}

/** Connects to the store at `uri` (already normalised). */
export async function connectStore(uri: string, env?: StoreEnvironment): Promise<Connection> {
  const { connect } = await lancedb();
  try {
    return await connect(uri, { storageOptions: storageOptions(uri, env) });
  } catch (error) {
    throw new UserError(`cannot open the team store ${describeUri(uri)}: ${firstLine(error)}`);
  }
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/** A string literal for a LanceDB filter. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
