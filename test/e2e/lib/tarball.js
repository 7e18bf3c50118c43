'use strict';
// Minimal reader for the gzip'd tarballs `npm pack` writes (ustar + pax/GNU long names), with
// Node built-ins only. Enough to unpack a package the way n8n's installer does (`tar -x
// --strip-components=1` into .n8n/nodes/node_modules/<name>).
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function cstr(buf, start, len) {
	const s = buf.subarray(start, start + len);
	const nul = s.indexOf(0);
	return s.subarray(0, nul === -1 ? s.length : nul).toString('utf8');
}

function octal(buf, start, len) {
	const s = cstr(buf, start, len).trim();
	return s ? parseInt(s, 8) : 0;
}

function parsePax(body) {
	const out = {};
	let i = 0;
	const text = body.toString('utf8');
	while (i < text.length) {
		const sp = text.indexOf(' ', i);
		if (sp === -1) break;
		const len = parseInt(text.slice(i, sp), 10);
		if (!len) break;
		const rec = text.slice(sp + 1, i + len - 1); // drop trailing \n
		const eq = rec.indexOf('=');
		if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
		i += len;
	}
	return out;
}

/** Lists the entries of a .tgz/.tar buffer: [{path, type: 'file'|'dir'|'other', mode, data}] */
function readEntries(buffer) {
	const tar = buffer[0] === 0x1f && buffer[1] === 0x8b ? zlib.gunzipSync(buffer) : buffer;
	const entries = [];
	let off = 0;
	let pax = {};
	let longName = null;
	while (off + 512 <= tar.length) {
		const h = tar.subarray(off, off + 512);
		if (h.every((b) => b === 0)) break;
		const name = cstr(h, 0, 100);
		const mode = octal(h, 100, 8);
		const size = octal(h, 124, 12);
		const type = String.fromCharCode(h[156] || 0x30);
		const magic = cstr(h, 257, 6);
		const prefix = magic.startsWith('ustar') ? cstr(h, 345, 155) : '';
		const data = tar.subarray(off + 512, off + 512 + size);
		off += 512 + Math.ceil(size / 512) * 512;
		if (type === 'x') {
			pax = parsePax(data);
			continue;
		}
		if (type === 'g') continue;
		if (type === 'L') {
			longName = cstr(data, 0, data.length);
			continue;
		}
		const full = pax.path || longName || (prefix ? `${prefix}/${name}` : name);
		pax = {};
		longName = null;
		const kind =
			type === '0' || type === '\0' || type === '7' ? 'file' : type === '5' ? 'dir' : 'other';
		entries.push({ path: full, type: kind, mode, data: Buffer.from(data) });
	}
	return entries;
}

/**
 * Unpacks a tarball into destDir, dropping the first `strip` path components (npm pack puts
 * everything under "package/"). Only regular files and folders; links are refused.
 * Returns the list of written relative paths.
 */
function extract(tarballPath, destDir, { strip = 1 } = {}) {
	const entries = readEntries(fs.readFileSync(tarballPath));
	const root = path.resolve(destDir);
	fs.mkdirSync(root, { recursive: true });
	const written = [];
	for (const e of entries) {
		const parts = e.path.split('/').filter((p) => p && p !== '.');
		if (parts.length <= strip) continue;
		const rel = parts.slice(strip);
		if (rel.includes('..')) throw new Error(`tarball entry escapes its folder: ${e.path}`);
		const target = path.join(root, ...rel);
		if (e.type === 'dir') {
			fs.mkdirSync(target, { recursive: true });
		} else if (e.type === 'file') {
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.writeFileSync(target, e.data, { mode: e.mode & 0o111 ? 0o755 : 0o644 });
			written.push(rel.join('/'));
		} else {
			throw new Error(`unsupported tarball entry (link or device): ${e.path}`);
		}
	}
	return written;
}

/** Reads one file (path inside the package, e.g. 'package.json') without unpacking. */
function readFile(tarballPath, inner, { strip = 1 } = {}) {
	for (const e of readEntries(fs.readFileSync(tarballPath))) {
		const rel = e.path.split('/').filter(Boolean).slice(strip).join('/');
		if (rel === inner && e.type === 'file') return e.data;
	}
	return null;
}

// Writes a .tgz the way npm pack lays it out (everything under package/). For test fixtures.
function pack(files, tgzPath) {
	const blocks = [];
	const header = (name, size, mode) => {
		const h = Buffer.alloc(512);
		if (Buffer.byteLength(name) > 100)
			throw new Error(`name too long for this tiny packer: ${name}`);
		h.write(name, 0);
		h.write(mode.toString(8).padStart(7, '0') + '\0', 100);
		h.write('0000000\0', 108);
		h.write('0000000\0', 116);
		h.write(size.toString(8).padStart(11, '0') + '\0', 124);
		h.write('00000000000\0', 136);
		h.write('        ', 148);
		h[156] = 0x30;
		h.write('ustar\0', 257);
		h.write('00', 263);
		let sum = 0;
		for (const b of h) sum += b;
		h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
		return h;
	};
	for (const [name, content] of Object.entries(files)) {
		const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
		blocks.push(header(`package/${name}`, data.length, 0o644), data);
		const pad = (512 - (data.length % 512)) % 512;
		if (pad) blocks.push(Buffer.alloc(pad));
	}
	blocks.push(Buffer.alloc(1024));
	fs.mkdirSync(path.dirname(path.resolve(tgzPath)), { recursive: true });
	fs.writeFileSync(tgzPath, zlib.gzipSync(Buffer.concat(blocks)));
	return tgzPath;
}

module.exports = { readEntries, extract, readFile, pack };
