#!/usr/bin/env python3
"""An outside verifier for escrowed declarations, written from docs/escrow.md with Python's standard library only.

It reads nothing but the log's published files (`stocktake log tiles DIR`, or the same files fetched from
a server's /log/) and the log's verifier key, and uses hashlib for every hash, SHA-512 in Ed25519 included.

  verify_reveal.py VKEYFILE TILESDIR reveal REVEAL.json
      checks the checkpoint's signature, rebuilds the tree from the entry bundles, finds the
      declaration.commitment entry the bundle names and checks every revealed row against its root
  verify_reveal.py VKEYFILE TILESDIR select DECLARATION COUNT SIZE
      repeats the inspection draw from the tree of SIZE entries and prints the rows, comma-separated

Exit status 0 when everything verifies; 1 with one sentence otherwise.
"""
import base64, hashlib, json, os, struct, sys

# --- Ed25519 verification (RFC 8032, section 5.1.7), on hashlib's SHA-512 -------------------------

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def fail(message):
    print("reveal verifier: " + message, file=sys.stderr)
    sys.exit(1)


def point_add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    e1 = (y1 - x1) * (y2 - x2) % P
    e2 = (y1 + x1) * (y2 + x2) % P
    c = t1 * 2 * D * t2 % P
    z = z1 * 2 * z2 % P
    e, f, g, h = e2 - e1, z - c, z + c, e2 + e1
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def scalar_mult(k, point):
    result = (0, 1, 1, 0)
    while k:
        if k & 1:
            result = point_add(result, point)
        point = point_add(point, point)
        k >>= 1
    return result


def decode_point(raw):
    if len(raw) != 32:
        return None
    y = int.from_bytes(raw, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    if y >= P:
        return None
    u = (y * y - 1) % P
    v = (D * y * y + 1) % P
    x2 = u * pow(v, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        return None
    if x == 0 and sign:
        return None
    if x & 1 != sign:
        x = P - x
    return (x, y, 1, x * y % P)


BASE = decode_point((4 * pow(5, P - 2, P) % P).to_bytes(32, "little"))


def same_point(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def ed25519_verify(public, message, signature):
    if len(signature) != 64:
        return False
    a, r = decode_point(public), decode_point(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % L
    return same_point(scalar_mult(s, BASE), point_add(r, scalar_mult(k, a)))


# --- Signed notes, checkpoints and tiles (C2SP signed-note, tlog-checkpoint, tlog-tiles) ---------

def parse_vkey(text):
    name, key_id, key = text.strip().split("+", 2)
    raw = base64.b64decode(key, validate=True)
    if len(raw) != 33 or raw[0] != 1:
        fail("the verifier key is not an Ed25519 note key")
    if hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() != key_id:
        fail("the verifier key's ID does not match its key")
    return name, bytes.fromhex(key_id), raw[1:]


def open_checkpoint(note, vkey):
    name, key_id, public = vkey
    text, _, signatures = note.rpartition("\n\n")
    text += "\n"
    for line in signatures.splitlines():
        signer, _, blob = line[2:].rpartition(" ")
        raw = base64.b64decode(blob, validate=True)
        if line.startswith("\u2014 ") and signer == name and raw[:4] == key_id and ed25519_verify(public, text.encode(), raw[4:]):
            lines = text.split("\n")
            return int(lines[1]), base64.b64decode(lines[2], validate=True)
    fail("the checkpoint carries no valid signature by the log key")


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def mth(hashes):
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return node_hash(mth(hashes[:k]), mth(hashes[k:]))


def entries_path(index, width):
    parts, n = [], index
    while True:
        parts.insert(0, "%03d" % (n % 1000))
        n //= 1000
        if n == 0:
            break
    path = "/".join(["x" + p for p in parts[:-1]] + [parts[-1]])
    return "tile/entries/%s%s" % (path, "" if width == 256 else ".p/%d" % width)


def read_log(base, vkey):
    size, root = open_checkpoint(open(os.path.join(base, "checkpoint")).read(), vkey)
    entries = []
    index = 0
    while index * 256 < size:
        width = min(256, size - index * 256)
        data = open(os.path.join(base, entries_path(index, width)), "rb").read()
        offset = 0
        for _ in range(width):
            (length,) = struct.unpack(">H", data[offset:offset + 2])
            entries.append(data[offset + 2:offset + 2 + length])
            offset += 2 + length
        index += 1
    if mth([leaf_hash(e) for e in entries]) != root:
        fail("the entry bundles do not give the signed checkpoint's root")
    return entries


def entry_payload(entry, expected_type):
    text = entry.decode("utf-8").split("\n\n")[0]
    fields = dict(line.split(" ", 1) for line in text.split("\n")[1:] if " " in line)
    if fields.get("type") != expected_type or "payload" not in fields:
        return None
    return json.loads(fields["payload"])


# --- The escrow construction (docs/escrow.md) -----------------------------------------------------

def lp(text):
    data = text.encode("utf-8")
    return struct.pack(">I", len(data)) + data


def field_commitment(salt, row, name, kind, value):
    return hashlib.sha256(b"stocktake-escrow/v1 field\x00" + salt + struct.pack(">Q", row) + lp(name) + lp(kind) + lp(value)).digest()


def root_from_path(index, size, leaf, proof):
    """RFC 9162 section 2.1.3.2: the root an audit path leads to, or None when the path has the wrong shape."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def verify_reveal(entries, bundle):
    declaration = bundle["declaration"]
    if declaration >= len(entries):
        fail("the log holds no entry %d, so the declaration was never committed" % declaration)
    commitment = entry_payload(entries[declaration], "declaration.commitment")
    if commitment is None:
        fail("entry %d of the log is not a declaration commitment" % declaration)
    if commitment["root"] != bundle["root"] or commitment["rows"] != bundle["rowCount"]:
        fail("the reveal names another root or row count than the logged commitment")
    root = bytes.fromhex(commitment["root"])
    fields = commitment["fields"]
    values = 0
    for row in bundle["rows"]:
        number = row["row"]
        if not 1 <= number <= commitment["rows"]:
            fail("row %d is outside the %d committed rows" % (number, commitment["rows"]))
        if [f["name"] for f in row["fields"]] != [f["name"] for f in fields]:
            fail("row %d does not list the committed fields in order" % number)
        hashes = b""
        for committed, shown in zip(fields, row["fields"]):
            if "value" in shown:
                hashes += field_commitment(bytes.fromhex(shown["salt"]), number, committed["name"], committed["type"], shown["value"])
                values += 1
            else:
                hashes += bytes.fromhex(shown["commitment"])
        proof = [bytes.fromhex(h) for h in row["proof"]]
        if root_from_path(number - 1, commitment["rows"], leaf_hash(hashes), proof) != root:
            fail("row %d does not match the committed root" % number)
    print("reveal verifies: %d rows, %d values against declaration %d" % (len(bundle["rows"]), values, declaration))


def select(entries, declaration, count, size):
    commitment = entry_payload(entries[declaration], "declaration.commitment")
    checkpoint_root = mth([leaf_hash(e) for e in entries[:size]])
    seed = hashlib.sha256(
        b"stocktake-escrow/v1 select\x00" + bytes.fromhex(commitment["root"]) + struct.pack(">QQ", declaration, size) + checkpoint_root
    ).digest()
    numbers, block = [], 0

    def draw():
        nonlocal block
        if not numbers:
            digest = hashlib.sha256(seed + struct.pack(">Q", block)).digest()
            numbers.extend(struct.unpack(">QQQQ", digest))
            block += 1
        return numbers.pop(0)

    rows = list(range(1, commitment["rows"] + 1))
    for j in range(count):
        span = commitment["rows"] - j
        while True:
            x = draw()
            if x < 2**64 - (2**64 % span):
                break
        k = j + x % span
        rows[j], rows[k] = rows[k], rows[j]
    print(",".join(str(r) for r in sorted(rows[:count])))


def main():
    if len(sys.argv) < 5:
        fail("usage: verify_reveal.py VKEYFILE TILESDIR reveal FILE | select DECLARATION COUNT SIZE")
    vkey = parse_vkey(open(sys.argv[1]).read())
    entries = read_log(sys.argv[2], vkey)
    if sys.argv[3] == "reveal":
        verify_reveal(entries, json.load(open(sys.argv[4])))
    elif sys.argv[3] == "select":
        select(entries, int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    else:
        fail("unknown command %s" % sys.argv[3])


if __name__ == "__main__":
    main()
