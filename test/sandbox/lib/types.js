// @ts-check
'use strict';

/**
 * The sandbox's public types, as JSDoc typedefs that tsc checks (the TypeScript tests import them
 * from ../server). No code: everything here is erased at run time.
 */

/** @typedef {import('./seed').SandboxWorkflow} SandboxWorkflow */
/** @typedef {import('./seed').Execution} Execution */

/**
 * @typedef {object} RateLimitConfig
 * @property {number} limit requests per window and key
 * @property {number} windowMs window length; windows are aligned to multiples of it since the epoch
 * @property {boolean} fractionalSeconds `Retry-After` and `X-RateLimit-Reset` carry milliseconds
 *   (e.g. `0.25`, `1736860000.25`) instead of whole seconds rounded up: lets tests use windows
 *   shorter than a second (default false, as the real service)
 */

/**
 * @typedef {object} SandboxConfig
 * @property {RateLimitConfig} rateLimit
 * @property {number} executionDelayMs how long a triggered run takes when its workflow has no own durationMs
 * @property {'full' | '404' | '405'} webhookManagement what GET /webhooks and DELETE /webhooks/:id do
 * @property {number} deliveryRetries retries after a failed delivery attempt
 * @property {number} deliveryRetryDelayMs pause before each retry
 * @property {number} deliveryTimeoutMs a delivery attempt that takes longer fails (network error)
 */

/**
 * Options of startSandbox; configure() takes the same (port, host and now are ignored there).
 * @typedef {object} SandboxOptions
 * @property {number} [port] default 0 (any free port)
 * @property {string} [host] default '127.0.0.1'
 * @property {Partial<RateLimitConfig>} [rateLimit] default { limit: 60, windowMs: 60000, fractionalSeconds: false }
 * @property {number} [executionDelayMs] default 3000
 * @property {'full' | '404' | '405'} [webhookManagement] default 'full'
 * @property {number} [deliveryRetries] default 2
 * @property {number} [deliveryRetryDelayMs] default 500
 * @property {number} [deliveryTimeoutMs] default 10000
 * @property {() => number} [now] clock (ms since epoch) for rate-limit windows and timestamps; default Date.now
 */

/**
 * What addFault takes (see README.md, "Faults").
 * @typedef {object} FaultSpec
 * @property {string} [method] only this HTTP method (any case)
 * @property {string} [path] only URLs containing this substring (e.g. '/trigger')
 * @property {number} [times] how many requests it hits; 0 = forever (default 1)
 * @property {number} [status] answer status (default 500 when the fault answers)
 * @property {unknown} [body] answer body: a string is sent as-is, anything else as JSON
 * @property {string} [contentType]
 * @property {Record<string, string | number | null>} [headers] null removes a header
 * @property {number} [delayMs]
 * @property {boolean} [drop] destroy the socket without answering
 * @property {boolean} [afterHandling] run the real handler first, then answer with the fault
 */

/** @typedef {FaultSpec & { faultId: string, times: number }} Fault */
/** @typedef {Fault & { remaining: number }} ArmedFault a fault with the uses it has left */

/**
 * @typedef {object} Webhook
 * @property {string} webhookId
 * @property {string} url
 * @property {string[]} events
 * @property {string} secret
 * @property {string} createdAt
 */

/**
 * @typedef {object} RequestLogEntry
 * @property {string} method
 * @property {string} path raw path without the query string, e.g. '/api/v1/workflows'
 * @property {string} url raw path with the query string
 * @property {number | null} status null when no answer was sent (dropped, aborted)
 * @property {number} at ms since epoch when it arrived
 * @property {string | null} key the bearer key, when one was given and known
 */

/**
 * @typedef {object} SandboxStats
 * @property {RequestLogEntry[]} requests every request outside /_sandbox, in order of arrival
 * @property {Record<string, number>} triggerAttempts POST /workflows/:id/trigger that reached the handler or a fault
 * @property {Record<string, number>} executionsStarted executions really created, per workflow
 * @property {number} rateLimited 429s the rate limiter sent (not faults)
 */

/**
 * @typedef {object} DeliveryLogEntry
 * @property {string} webhookId
 * @property {string} url
 * @property {string} event
 * @property {string} deliveryId
 * @property {string | null} executionId
 * @property {number} attempt 1 for the first try
 * @property {number | null} status HTTP status of the receiver's answer, null on a network error
 * @property {string | null} error network error message, else null
 * @property {boolean} manual true for sandbox.deliver()
 * @property {number} at ms since epoch
 */

/**
 * @typedef {object} DeliveryTamper
 * @property {string} [signature] sent verbatim as X-Benchwork-Signature
 * @property {number | string} [timestamp] used as X-Benchwork-Timestamp AND in the signature
 * @property {string | object} [body] sent instead of the signed body (the signature still covers the genuine one)
 * @property {string[]} [omitHeaders] header names not to send (any case)
 * @property {string} [secret] sign with this secret instead of the hook's
 */

/**
 * @typedef {object} DeliverOptions
 * @property {string} webhookId
 * @property {string} [event] default 'execution.completed'
 * @property {object} [execution] default: the newest execution matching the event
 * @property {DeliveryTamper} [tamper]
 */

/**
 * @typedef {object} DeliverResult
 * @property {number | null} status
 * @property {unknown} body the receiver's answer: parsed JSON when it is JSON, else the text
 * @property {string} deliveryId
 * @property {string | null} error network error, else null
 */

/**
 * What setWorkflow takes: public fields plus the internal ones that decide how a run goes.
 * @typedef {object} WorkflowPatch
 * @property {string} [id] must equal the id given
 * @property {string} [name]
 * @property {'active' | 'paused' | 'draft'} [status]
 * @property {string} [storeId]
 * @property {string} [description]
 * @property {string} [createdAt]
 * @property {string} [updatedAt]
 * @property {'success' | 'failed'} [outcome]
 * @property {number | null | 'default'} [durationMs] null = until finished by control, 'default' = executionDelayMs
 * @property {string[]} [steps]
 * @property {{ step: string, message: string } | null} [failure]
 */

/**
 * A workflow as setWorkflow returns it (with the internal fields).
 * @typedef {object} InternalWorkflow
 * @property {string} id
 * @property {string} name
 * @property {'active' | 'paused' | 'draft'} status
 * @property {string} storeId
 * @property {string} description
 * @property {string} createdAt
 * @property {string} updatedAt
 * @property {'success' | 'failed'} outcome
 * @property {number | null | 'default'} durationMs
 * @property {string[]} steps
 * @property {{ step: string, message: string } | null} failure
 */

/**
 * @typedef {object} FinishOptions
 * @property {'success' | 'failed'} [status] default: the workflow's outcome
 * @property {string | { message: string, step?: string }} [error] for 'failed'; default: the workflow's failure
 */

/**
 * The running sandbox that startSandbox resolves with. Control methods throw SandboxError where
 * the HTTP control API answers 4xx.
 * @typedef {object} Sandbox
 * @property {import('http').Server} server
 * @property {number} port
 * @property {string} origin e.g. http://127.0.0.1:4567
 * @property {string} baseUrl e.g. http://127.0.0.1:4567/api/v1
 * @property {Readonly<{ enterprise: string, enterprise2: string, starter: string }>} keys
 * @property {() => Promise<void>} close stops the server, timers, deliveries and open (keep-alive) sockets
 * @property {() => void} reset reseeds; clears faults, hooks, counters, rate-limit windows, deliveries, echo; restores the start config
 * @property {(cfg?: SandboxOptions) => SandboxConfig} configure changes the config (partial), returns all of it; a rateLimit change starts fresh windows
 * @property {(fault?: FaultSpec) => Fault} addFault
 * @property {() => ArmedFault[]} faults the faults still armed
 * @property {() => void} clearFaults
 * @property {() => SandboxStats} stats a snapshot
 * @property {(id: string, patch: WorkflowPatch) => InternalWorkflow} setWorkflow creates or patches a workflow
 * @property {(id: string, opts?: FinishOptions) => Promise<Execution>} finishExecution finishes a running execution now; resolves after its deliveries
 * @property {() => Webhook[]} webhooks every hook, with its secret
 * @property {(opts: DeliverOptions) => Promise<DeliverResult>} deliver one delivery to a hook now (no retries)
 * @property {() => DeliveryLogEntry[]} deliveries every delivery attempt, oldest first
 * @property {() => unknown[]} echo the bodies POSTed to /_sandbox/echo, oldest first
 * @property {(spec: import('./finishedRuns').RunSpec) => Execution} addRun adds a run with chosen timestamps (no deliveries)
 * @property {(id: string, opts: { status: 'success' | 'failed', finishedAt: string }) => Execution} finishRunAt finishes a running run at a chosen finishedAt (no deliveries)
 * @property {() => void} shuffleExecutionLists GET /executions answers in a random order until the next reset
 * @property {<T>(predicate: () => T | Promise<T>, timeoutMs?: number, intervalMs?: number) => Promise<T>} waitFor
 *   polls `predicate` until it returns something truthy (default 5000 ms, every 20 ms); resolves with that
 */

/**
 * What a handler answers; replies.send writes it.
 * @typedef {object} Reply
 * @property {number} status
 * @property {unknown} [json]
 * @property {string | Buffer} [raw]
 * @property {string} [contentType]
 * @property {Record<string, string | number | null | undefined>} [headers]
 */

/**
 * A request body as read (at most 1 MB kept).
 * @typedef {object} RequestBody
 * @property {Buffer} buf
 * @property {boolean} tooLarge
 */

module.exports = {};
