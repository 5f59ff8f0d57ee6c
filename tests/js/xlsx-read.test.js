// Reading a workbook (scripts/handbook/versions/assets/xlsx-read.js): files that are not workbooks,
// and a small hostile zip that would unpack to hundreds of megabytes, are refused with a reason.
// (Reading real cells needs DOMParser, so that is tested in the browser: tests/browser/test_upgrade.py.)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const zlib = require("node:zlib");
const { HB } = require("../../scripts/handbook/versions/assets/xlsx-read.js");

// A zip archive of deflated entries, laid out as the format's specification says (no library needed
// for a test fixture this small): local headers and data, then the central directory, then its end.
function zip(entries) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = zlib.deflateRawSync(Buffer.from(text)), nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(Buffer.byteLength(text), 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(Buffer.byteLength(text), 24);
    central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  const bytes = Buffer.concat([...locals, directory, end]);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
}

test("a file that is not a zip archive is refused as not a workbook", async () => {
  await assert.rejects(HB.xlsx.read(new TextEncoder().encode("name,judgement\nA,yes\n").buffer, () => true),
                       /not a workbook \(XLSX\) file: it is not a zip archive/);
});

test("a zip archive without a workbook part is refused as not a workbook", async () => {
  await assert.rejects(HB.xlsx.read(zip({ "notes.txt": "hello" }), () => true), /it has no xl\/workbook\.xml/);
});

test("a part that unpacks past 64 MB is refused while it is read, naming the part", async () => {
  const bomb = zip({ "xl/workbook.xml": " ".repeat(200 * 1024 * 1024) });
  assert.ok(bomb.byteLength < 1024 * 1024, `the hostile file is small (${bomb.byteLength} bytes)`);
  await assert.rejects(HB.xlsx.read(bomb, () => true), /its part xl\/workbook\.xml unpacks to more than 64 MB/);
});
