'use strict';
// Groundwork for the e2e suite: everything a runner needs, Node built-ins only (runs on Node 20).
module.exports = {
	...require('./lines'),
	...require('./userfolder'),
	...require('./n8n'),
	...require('./rest'),
	flatted: require('./flatted'),
	tarball: require('./tarball'),
	...require('./timing'),
	...require('./checks'),
	...require('./sandbox'),
	...require('./pollingRuns'),
	...require('./capture'),
	...require('./delivery'),
	...require('./saved'),
	...require('./readmeInstall'),
	...require('./database'),
};
