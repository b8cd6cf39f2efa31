// An S3-compatible server on 127.0.0.1 (s3rver) for the team store's tests,
// and the environment that points LanceDB at it.
import * as path from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  /** AWS_* variables for a process that should use this server. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the server with its data in `folder` and the buckets named. */
export async function startS3(folder: string, buckets: readonly string[]): Promise<LocalS3> {
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(folder),
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = await server.run();
  return {
    env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' },
    close: () => server.close(),
  };
}
