'use strict';
// Reads n8n's SQLite database, for what n8n keeps only there (its durable scheduler's tasks and
// poll cursors). Through the line's own Node (node:sqlite, built in since Node 22.13), read-only,
// safe beside a running n8n (SQLite's WAL lets readers in while n8n writes).
const path = require('path');
const { execFileSync } = require('child_process');
const { getLine } = require('./lines');

const QUERY = `
const { DatabaseSync } = require('node:sqlite');
const [file, sql, params] = process.argv.slice(1);
const db = new DatabaseSync(file, { readOnly: true });
process.stdout.write(JSON.stringify(db.prepare(sql).all(...JSON.parse(params))));
`;

/**
 * queryDatabase({line, userFolder, sql, params = []}) -> rows (plain objects). `line` picks the
 * Node that reads it; the database is <userFolder>/.n8n/database.sqlite.
 */
function queryDatabase({ line, userFolder, sql, params = [] }) {
	const l = typeof line === 'string' ? getLine(line) : line;
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	const out = execFileSync(
		l.nodeBin,
		['--no-warnings', '-e', QUERY, file, sql, JSON.stringify(params)],
		{ encoding: 'utf8', timeout: 30000 },
	);
	return JSON.parse(out);
}

module.exports = { queryDatabase };
