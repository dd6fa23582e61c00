// Reads an Atom or RSS file with feedparser (an independent implementation from npm) and prints, as
// JSON, what it found: the tests compare this with the archive the feed was made from.
// Usage: node read-feed.mjs <path to node_modules/feedparser> <feed file>
import { createReadStream } from "node:fs";
import { createRequire } from "node:module";

const [feedparserDir, file] = process.argv.slice(2);
const FeedParser = createRequire(import.meta.url)(feedparserDir);

const parser = new FeedParser({ addmeta: false });
const items = [];
let meta = null;
parser.on("error", (error) => {
  process.stderr.write(`feedparser: ${error.message}\n`);
  process.exit(1);
});
parser.on("meta", (m) => (meta = m));
parser.on("readable", () => {
  let item;
  while ((item = parser.read())) items.push(item);
});
parser.on("end", () => {
  const date = (d) => (d ? new Date(d).toISOString() : null);
  process.stdout.write(JSON.stringify({
    type: meta["#type"],
    id: meta["atom:id"]?.["#"] ?? null,
    title: meta.title,
    link: meta.link,
    self: meta.xmlurl,
    date: date(meta.date),
    author: meta.author,
    generator: meta.generator,
    items: items.map((i) => ({
      id: i.guid,
      title: i.title,
      date: date(i.date),
      published: date(i.pubdate),
      link: i.link,
      summary: i.summary,
      content: i.description,
      categories: i.categories,
    })),
  }));
});
createReadStream(file).pipe(parser);
