'use strict';
// Debian's Chromium driven by playwright-core (which downloads no browser of its own).
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Headless, as root, offline: no sandbox (root), no GPU, and nothing that calls out.
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Throws a message saying how to get Chromium when it is not there. */
function requireChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	throw new Error(
		`no Chromium at ${CHROMIUM}. On Debian/Ubuntu: apt-get install -y chromium (CI's .ci/run does this), ` +
			'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
	);
}

/**
 * launchBrowser({viewport}) -> {context, page, close()}
 * A fresh profile (its --user-data-dir a new temp folder) every time, removed on close.
 */
async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
	const { chromium } = require('playwright-core');
	const executablePath = requireChromium();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'benchwork-ui-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		args: FLAGS,
		viewport,
		// The runner stops the browser itself on a signal, after n8n and the sandbox.
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
	});
	const page = context.pages()[0] || (await context.newPage());
	// The machine may be busy (2 cores): the editor's first load can take many seconds.
	page.setDefaultTimeout(60000);
	return {
		context,
		page,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

module.exports = { launchBrowser, requireChromium, CHROMIUM };
