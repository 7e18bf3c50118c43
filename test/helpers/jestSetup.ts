// n8n-core keeps instance settings in a user folder: give the tests their own, never ~/.n8n.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'benchwork-jest-n8n-'));
