'use strict';
// The credential dialog, opened from the node (pencil next to the credential): its test passes
// with the demo key and fails a wrong key with this package's 401 message; Base URL's help text.
// n8n 2.x tests a credential when the dialog opens and on Save; "Retry" in the result banner
// tests again.
const assert = require('assert');

async function checkCredentialDialog(editor, check, { goodKey }) {
	const { page } = editor;
	const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
	const success = dialog.locator('[data-test-id="credentials-config-container-test-success"]');
	const apiKey = dialog.locator('[data-test-id="parameter-input-apiKey"] input');
	const save = page.locator('[data-test-id="credential-save-button"]');

	await check(
		'the credential dialog’s test passes with the demo key (Retry tests again)',
		async () => {
			await editor.ndv().locator('[data-test-id="credential-edit-button"]').click();
			await success.waitFor({ state: 'visible' });
			await success.getByText('Retry').click();
			await success.waitFor({ state: 'visible' });
			assert.match(await success.innerText(), /Connection tested successfully/);
			await editor.screenshot('credential-test-ok');
		},
	);

	await check(
		'a wrong key fails the test with the package’s 401 message, and the right key passes again',
		async () => {
			await apiKey.fill('bw_live_wrong_key_from_the_ui_test');
			await save.click();
			await dialog.getByText('Couldn’t connect with these settings').waitFor();
			await dialog.getByText('More details').click();
			const message = dialog.getByText(/did not accept this API key \(401\)/);
			await message.waitFor();
			assert.match(await message.innerText(), /Settings → API Keys/);
			assert.ok(
				!(await dialog.innerText()).includes('bw_live_wrong_key_from_the_ui_test'),
				'the key is not shown in the message',
			);
			await editor.screenshot('credential-test-401');
			await apiKey.fill(goodKey);
			await save.click();
			await success.waitFor({ state: 'visible' });
		},
	);

	await check(
		'the Base URL help says when to change it, and speaks of no local sandbox',
		async () => {
			const help = await editor.helpText('Base URL', dialog);
			console.log(`       Base URL: ${JSON.stringify(help)}`);
			await editor.screenshot('credential-base-url-help');
			assert.match(help, /proxy/);
			assert.doesNotMatch(help, /sandbox|localhost|127\.0\.0\.1/i);
		},
	);

	// Close the dialog with its own close button (Escape would close the node panel as well).
	if (await dialog.isVisible()) {
		await page.locator('.el-dialog__headerbtn:visible').last().click();
		await dialog.waitFor({ state: 'hidden' });
	}
}

module.exports = { checkCredentialDialog };
