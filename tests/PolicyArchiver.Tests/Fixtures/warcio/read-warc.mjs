// Reads a .warc.gz with warcio (webrecorder's independent implementation) and prints, as JSON,
// what it found in every record: the tests compare this with what PolicyArchiver wrote.
// Usage: node read-warc.mjs <path to node_modules/warcio> <file.warc.gz>
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";

const [warcioDir, file] = process.argv.slice(2);
const { WARCParser } = await import(pathToFileURL(`${warcioDir}/dist/index.js`).href);

const parser = new WARCParser(createReadStream(file));
const records = [];
for await (const record of parser) {
  const payload = await record.readFully(false);
  records.push({
    type: record.warcType,
    recordId: record.warcHeader("WARC-Record-ID"),
    targetUri: record.warcTargetURI ?? null,
    payloadDigest: record.warcHeader("WARC-Payload-Digest") ?? null,
    blockDigest: record.warcHeader("WARC-Block-Digest") ?? null,
    refersTo: record.warcHeader("WARC-Refers-To") ?? null,
    concurrentTo: record.warcHeader("WARC-Concurrent-To") ?? null,
    truncated: record.warcHeader("WARC-Truncated") ?? null,
    profile: record.warcHeader("WARC-Profile") ?? null,
    httpStatus: record.httpHeaders?.statusCode ?? null,
    payloadSha256: "sha256:" + createHash("sha256").update(payload).digest("hex"),
    payloadLength: payload.length,
    offset: parser.offset,
    length: parser.recordLength,
  });
}
process.stdout.write(JSON.stringify(records));
