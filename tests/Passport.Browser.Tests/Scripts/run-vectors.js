// Runs tests/Passes.Tests/vectors/passes-vectors.json against the browser modules under /passes/ (evaluated by
// Playwright in a page of the origin that serves them). Returns { checked, failures: [{name, message}] }.
async (vectorsJson) => {
  const vectors = JSON.parse(vectorsJson);
  const { fromHex, toHex } = await import('/passes/bytes.js');
  const env = await import('/passes/envelope.js');
  const { Codecs } = await import('/passes/codecs.js');
  const topics = await import('/passes/topics.js');
  const signed = await import('/passes/signed.js');
  const { PassesFormatError } = await import('/passes/errors.js');

  const eq = (actual, expected, what) => {
    if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
  };
  const decodeBuiltIn = (bytes) => {
    const { topic } = env.decodeRequest(bytes);
    return topics.BuiltInTopics[topic] ? topics.BuiltInTopics[topic].decodeRequest(bytes) : bytes;
  };
  const expectError = (code, action) => {
    try { action(); } catch (e) {
      if (!(e instanceof PassesFormatError)) throw new Error(`expected PassesFormatError ${code}, got ${e}`);
      eq(e.code, code, 'error code');
      return;
    }
    throw new Error(`expected ${code}, nothing was thrown`);
  };
  const expectErrorAsync = async (code, action) => {
    try { await action(); } catch (e) {
      if (!(e instanceof PassesFormatError)) throw new Error(`expected PassesFormatError ${code}, got ${e}`);
      eq(e.code, code, 'error code');
      return;
    }
    throw new Error(`expected ${code}, nothing was thrown`);
  };

  const checks = {
    request(v) {
      const bytes = env.encodeRequest(v.topic, fromHex(v.bodyHex));
      eq(toHex(bytes), v.requestHex, 'encoded request');
      const decoded = env.decodeRequest(fromHex(v.requestHex));
      eq(decoded.topic, v.topic, 'topic');
      eq(toHex(decoded.body), v.bodyHex, 'body');
      const builtIn = topics.BuiltInTopics[v.topic];
      if (builtIn) eq(toHex(builtIn.encodeRequest(builtIn.decodeRequest(bytes))), v.requestHex, 'built-in re-encoding');
      if (v.valueJson) eq(toHex(builtIn.encodeRequest(JSON.parse(v.valueJson))), v.requestHex, 'built-in from value');
      if (v.entriesHex) eq(JSON.stringify(topics.requestBatch.decodeRequest(bytes).map(toHex)), JSON.stringify(v.entriesHex), 'batch entries');
      if (v.defaultProvider) {
        const r = topics.requestWithDefaultProvider.decodeRequest(bytes);
        eq(r.defaultProvider, v.defaultProvider, 'default provider');
        eq(toHex(r.request), v.innerRequestHex, 'inner request');
      }
    },
    result(v) {
      const bytes = fromHex(v.resultHex);
      const result = v.status === 'accepted' ? { status: 'accepted', body: bytes.subarray(1) }
        : v.status === 'exception' ? { status: 'exception', message: v.message } : { status: v.status };
      eq(toHex(env.encodeResult(result)), v.resultHex, 'encoded result');
      const decoded = env.decodeResult(bytes);
      eq(decoded.status, v.status, 'status');
      if (v.bodyHex !== undefined) eq(toHex(decoded.body), v.bodyHex, 'body');
      if (v.message !== undefined) eq(decoded.message, v.message, 'message');
      if (v.entriesHex) eq(JSON.stringify(topics.requestBatch.decodeResult(bytes).body.map(toHex)), JSON.stringify(v.entriesHex), 'batch results');
      if (v.innerResultHex) eq(toHex(topics.requestWithDefaultProvider.decodeResult(bytes).body), v.innerResultHex, 'inner result');
    },
    codec(v) {
      const codec = Codecs[v.codec];
      const bytes = fromHex(v.bytesHex);
      let value;
      switch (v.codec) {
        case 'bytes': value = fromHex(v.value); break;
        case 'bigint': value = BigInt(v.value); break;
        case 'json': value = JSON.parse(v.valueJson); break;
        default: value = v.value;
      }
      eq(toHex(codec.encode(value)), v.bytesHex, 'encoded value');
      const decoded = codec.decode(bytes);
      eq(toHex(codec.encode(decoded)), v.bytesHex, 're-encoded decoded value');
      if (['string', 'boolean', 'number', 'bigint'].includes(v.codec)) eq(decoded, value, 'decoded value');
    },
    async signed(v) {
      const pkcs8 = fromHex('302e020100300506032b657004220420' + v.seedHex);
      const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
      const publicKey = await crypto.subtle.importKey('jwk', JSON.parse(v.jwk), { name: 'Ed25519' }, true, ['verify']);
      const body = fromHex(v.bodyHex);
      eq(toHex(await signed.signBody({ privateKey, publicKey }, body)), v.signedBodyHex, 'signed body');
      eq(toHex(await signed.signAcceptedResult({ privateKey, publicKey }, body)), v.resultHex, 'signed result');
      const verified = await signed.verifySignedResult(fromHex(v.resultHex), v.thumbprint);
      eq(verified.signerThumbprint, v.thumbprint, 'thumbprint');
      eq(toHex(verified.body), v.bodyHex, 'verified body');
      eq(Codecs.json.decode(verified.body).topic, 'com.example.approve', 'approval topic');
    },
    'signed-error': (v) => expectErrorAsync(v.error, () => signed.verifySignedBody(fromHex(v.signedBodyHex), null)),
    'request-error': (v) => expectError(v.error, () => decodeBuiltIn(fromHex(v.requestHex))),
    'request-encode-error': (v) => expectError(v.error, () => env.encodeRequest(v.topic, new Uint8Array())),
    'result-error': (v) => expectError(v.error, () => env.decodeResult(fromHex(v.resultHex))),
    'codec-decode': (v) => eq(Codecs[v.codec].decode(fromHex(v.bytesHex)), v.value, 'decoded value'),
    'codec-error': (v) => expectError(v.error, () => Codecs[v.codec].decode(fromHex(v.bytesHex))),
    'codec-encode-error': (v) => expectError(v.error, () => Codecs[v.codec].encode(BigInt(v.value))),
  };

  const failures = [];
  let checked = 0;
  for (const v of vectors) {
    try {
      const check = checks[v.kind];
      if (!check) throw new Error(`no check for kind ${v.kind}`);
      await check(v);
      checked++;
    } catch (e) {
      failures.push({ name: v.name, message: String(e?.message ?? e) });
    }
  }
  return { checked, failures };
}
