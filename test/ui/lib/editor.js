'use strict';
// What a user does in n8n 2.x's editor, as playwright steps. Selectors are n8n's own
// data-test-id attributes (the ones n8n's own browser tests use), seen in n8n 2.41.
const fs = require('fs');
const path = require('path');
const { DEFAULT_STATE_DIR } = require('../../../demo/lib/stack');

// The browser test's demo (its n8n, sandbox and logs), wiped at each run.
const UI_STATE_DIR = path.join(DEFAULT_STATE_DIR, 'ui-test');
// Beside it, in the dot folder: n8n-node build copies every .png outside dot folders into dist/.
const SCREENSHOTS = path.join(UI_STATE_DIR, 'screenshots');
// n8n's own per-node settings, shown under every node's parameters.
const NODE_SETTINGS = new Set([
	'alwaysOutputData',
	'executeOnce',
	'retryOnFail',
	'onError',
	'notes',
	'field',
	'notesInFlow',
]);

class Editor {
	constructor(page, baseUrl) {
		this.page = page;
		this.baseUrl = baseUrl;
		this.shots = [];
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
	}

	async screenshot(name) {
		const file = path.join(
			SCREENSHOTS,
			`${String(this.shots.length + 1).padStart(2, '0')}-${name}.png`,
		);
		await this.page.screenshot({ path: file });
		this.shots.push(file);
		return file;
	}

	async signIn({ email, password }) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
		await page.fill('input[name="emailOrLdapLoginId"]', email);
		await page.fill('input[name="password"]', password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('/signin'));
	}

	async newWorkflow() {
		await this.page.goto(`${this.baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
		await this.page.waitForSelector('[data-test-id="canvas-add-button"]');
	}

	/** Types into the node panel's search once it is open (first keystrokes can be lost before). */
	async searchNodePanel(text) {
		const search = this.page
			.locator(
				'input[data-test-id="node-creator-search-bar"], [data-test-id="node-creator-search-bar"] input',
			)
			.first();
		await search.waitFor({ state: 'visible' });
		await search.click();
		await this.page.keyboard.type(text, { delay: 60 });
		await this.page.waitForTimeout(800);
	}

	/** Names (and descriptions) the node panel lists right now. */
	panelItems() {
		return this.page
			.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]:visible')
			.allInnerTexts();
	}

	/** Clicks the panel's item named `name` (n8n leaves a space where it cut " Trigger" off a name). */
	async clickPanelItem(name) {
		await this.page
			.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', {
				hasText: new RegExp(`^\\s*${name}\\s*$`),
			})
			.first()
			.click();
	}

	/** A workflow with a Manual Trigger, and the node panel open on its output. */
	async manualTriggerWithPanel() {
		await this.newWorkflow();
		await this.page.click('[data-test-id="canvas-add-button"]');
		await this.searchNodePanel('Manual');
		await this.page.keyboard.press('Enter');
		await this.page.locator('[data-test-id="canvas-handle-plus"]').first().click();
	}

	/** A new workflow whose first node is the trigger `panelName` (as the panel names it), added by one of its actions. */
	async newWorkflowWithTrigger(panelName, action) {
		await this.newWorkflow();
		await this.page.click('[data-test-id="canvas-add-button"]');
		await this.searchNodePanel('Benchwork');
		await this.clickPanelItem(panelName);
		await this.page.getByText(action, { exact: true }).click();
		await this.ndv().waitFor();
	}

	ndv() {
		return this.page.locator('[data-test-id="ndv"]');
	}

	/** Closes the node's panel with its close button (Escape only closes whatever has focus). */
	async closeNdv() {
		await this.ndv().locator('[data-test-id="ndv-close-button"]').click();
		await this.ndv().waitFor({ state: 'hidden' });
	}

	canvasNode(name) {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	async openNode(name) {
		await this.canvasNode(name).dblclick();
		await this.ndv().waitFor();
	}

	/** The subtitle under a node on the canvas ('' when none); n8n gives it no data-test-id, only its style class. */
	async nodeSubtitle(name) {
		const subtitle = this.canvasNode(name).locator('[class*="_subtitle_"]');
		return (await subtitle.count()) ? (await subtitle.innerText()).trim() : '';
	}

	/** The notices (type "notice") among the node's parameters, as shown. */
	async notices() {
		const texts = await this.ndv()
			.locator('[data-test-id="node-parameters"] [role="alert"]')
			.allInnerTexts();
		return texts.map((text) => text.trim());
	}

	/**
	 * A field's description as n8n shows it: a tooltip on the help icon next to its label (found by
	 * the label's text: the credential dialog's labels name no field), which appears while the
	 * pointer is over the label. `within` is the dialog or panel holding it.
	 */
	async helpText(label, within = this.ndv()) {
		const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		// Only the start: the label also holds the Fixed / Expression switch once hovered.
		const labelElement = within.locator('label', { hasText: new RegExp(`^\\s*${escaped}`) });
		await labelElement.first().hover();
		await labelElement.first().locator('[data-icon="circle-help"]').hover();
		const tooltip = this.page.locator('[data-reka-popper-content-wrapper]:visible').last();
		await tooltip.waitFor({ state: 'visible', timeout: 10000 });
		return (await tooltip.innerText()).trim();
	}

	/** The node's own parameters shown now (data-test-id parameter-input-<name>), without n8n's node settings. */
	async parameterNames() {
		const names = await this.page.$$eval(
			'[data-test-id="node-parameters"] [data-test-id^="parameter-input-"]',
			(els) => els.map((e) => e.getAttribute('data-test-id').replace('parameter-input-', '')),
		);
		return names.filter((n) => !NODE_SETTINGS.has(n));
	}

	/** Picks an option (by its headline) in a select parameter such as Resource or Operation. */
	async choose(parameter, option) {
		await this.page.click(
			`[data-test-id="node-parameters"] [data-test-id="parameter-input-${parameter}"]`,
		);
		await this.visibleOptions()
			.filter({
				has: this.page.locator('.option-headline', { hasText: new RegExp(`^${option}$`) }),
			})
			.first()
			.click();
		await this.page.waitForTimeout(400);
	}

	visibleOptions() {
		return this.page.locator('.el-select-dropdown__item:visible');
	}

	/** Texts of a collection's "Add option" list (empty when the collection offers none). */
	async collectionOptions() {
		const add = this.ndv().locator('[data-test-id="collection-parameter-add"]');
		if (!(await add.isVisible())) return [];
		await add.click();
		await this.visibleOptions().first().waitFor({ state: 'visible', timeout: 10000 });
		const texts = await this.visibleOptions().allInnerTexts();
		await add.click(); // closes the list again
		await this.page.waitForTimeout(300);
		return texts;
	}

	async addCollectionOption(name) {
		await this.ndv().locator('[data-test-id="collection-parameter-add"]').click();
		await this.visibleOptions().filter({ hasText: name }).first().click();
		await this.page.waitForTimeout(400);
	}

	/** Adds the choice `option` to a multi-options parameter (Events). */
	async addMultiOption(parameter, option) {
		await this.ndv().locator(`[data-test-id="parameter-input-${parameter}"]`).click();
		await this.visibleOptions().filter({ hasText: option }).first().click();
		await this.page.waitForTimeout(400);
	}

	/** Removes every choice of a multi-options parameter (the x on each chip). */
	async clearMultiOptions(parameter) {
		const remove = this.ndv().locator(
			`[data-test-id="parameter-input-${parameter}"] .el-tag__close`,
		);
		while (await remove.count()) {
			await remove.first().click();
			await this.page.waitForTimeout(300);
		}
	}

	/** Types `text` into a number parameter as a user does, leaves it, and returns what it then shows. */
	async typeNumber(parameter, text) {
		const input = this.ndv().locator(`[data-test-id="parameter-input-${parameter}"] input`);
		await input.click();
		await this.page.keyboard.press('Control+A');
		await this.page.keyboard.type(text, { delay: 40 });
		await input.blur();
		await this.page.waitForTimeout(400);
		return input.inputValue();
	}

	/** Turns a boolean parameter on (its switch). */
	async switchOn(parameter) {
		const input = this.page.locator(`[data-test-id="parameter-input-${parameter}"]`);
		if ((await input.locator('input[role="switch"]').getAttribute('aria-checked')) !== 'true') {
			await input.locator('.el-switch').click();
		}
		await this.page.waitForTimeout(400);
	}

	/** Opens a resource locator's list (mode "From list"), searches, and picks an item. */
	async pickFromList(parameter, search, itemText, { screenshot } = {}) {
		const rl = this.page.locator(`[data-test-id="parameter-input-${parameter}"]`);
		await rl.locator('[data-test-id="rlc-input"]').click();
		const box = this.page
			.locator('input[data-test-id="rlc-search"], [data-test-id="rlc-search"] input')
			.first();
		await box.waitFor({ state: 'visible' });
		await this.page.locator('[data-test-id="rlc-item"]:visible').first().waitFor();
		if (screenshot) await this.screenshot(screenshot);
		await box.click();
		await this.page.keyboard.type(search, { delay: 80 });
		const item = this.page
			.locator('[data-test-id="rlc-item"]:visible', { hasText: itemText })
			.first();
		await item.waitFor({ state: 'visible' });
		const listed = await this.page.locator('[data-test-id="rlc-item"]:visible').allInnerTexts();
		await item.click();
		return listed;
	}

	/** Switches a resource locator's mode ("From list", "By ID", ...). */
	async locatorMode(parameter, mode) {
		await this.page
			.locator(`[data-test-id="parameter-input-${parameter}"] [data-test-id="rlc-mode-selector"]`)
			.click();
		await this.visibleOptions()
			.filter({ hasText: new RegExp(`^${mode}$`, 'i') })
			.first()
			.click();
		await this.page.waitForTimeout(300);
	}

	async executeStep() {
		await this.ndv().locator('[data-test-id="node-execute-button"]').first().click();
	}

	outputPanel() {
		return this.page.locator('[data-test-id="output-panel"]');
	}
}

module.exports = { Editor, SCREENSHOTS, UI_STATE_DIR };
