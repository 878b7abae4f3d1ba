#!/usr/bin/env python3
"""An outside verifier for Stocktake's ledger, written from the published specifications only.

It uses Python's hashlib and PyPI's `cryptography` (Ed25519), and no Stocktake code. Given the
log's verifier key, it checks:
  checkpoint NOTE           a signed checkpoint (C2SP signed-note + tlog-checkpoint)
  receipt PROOF ENTRY       a c2sp.org/tlog-proof@v1 receipt against the entry's bytes (RFC 9162 2.1.3.2)
  consistency OLD NEW PROOF a consistency proof between two signed checkpoints (RFC 9162 2.1.4.2)
  tiles DIR                 a tlog-tiles folder: the checkpoint, the hash tiles and the entry bundles
Exit status 0 when everything verifies; 1 with a message otherwise.
"""
import base64, hashlib, os, struct, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.exceptions import InvalidSignature


def fail(message):
    print("outside verifier: " + message, file=sys.stderr)
    sys.exit(1)


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def parse_vkey(text):
    name, key_id, key = text.strip().split("+", 2)
    raw = base64.b64decode(key, validate=True)
    if raw[0] != 1 or len(raw) != 33:
        fail("the verifier key is not an Ed25519 note key")
    expected = hashlib.sha256(name.encode() + b"\n" + raw[:1] + raw[1:]).digest()[:4]
    if expected.hex() != key_id:
        fail("the verifier key's ID does not match its key")
    return name, bytes.fromhex(key_id), Ed25519PublicKey.from_public_bytes(raw[1:])


def open_checkpoint(note, vkey):
    name, key_id, public_key = vkey
    if not note.endswith("\n"):
        fail("the note does not end with a newline")
    text, _, signatures = note.rpartition("\n\n")
    text += "\n"
    verified = False
    for line in signatures.splitlines():
        if not line.startswith("\u2014 "):
            fail("a signature line does not start with an em dash")
        signer, _, blob = line[2:].rpartition(" ")
        raw = base64.b64decode(blob, validate=True)
        if signer == name and raw[:4] == key_id:
            try:
                public_key.verify(raw[4:], text.encode())
            except InvalidSignature:
                fail("the log's signature on the checkpoint does not verify")
            verified = True
    if not verified:
        fail("the checkpoint has no signature by the log key")
    lines = text.split("\n")
    origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)
    if origin != name or len(root) != 32:
        fail("the checkpoint body is malformed")
    return size, root


def verify_inclusion(index, size, leaf, proof, root):
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
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
    return sn == 0 and r == root


def verify_consistency(old, new, old_root, new_root, proof):
    if old == new:
        return not proof and old_root == new_root
    if old == 0:
        return not proof
    if old > new or not proof:
        return False
    if old & (old - 1) == 0:
        proof = [old_root] + proof
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


def tile_path(level, index, width):
    parts = []
    n = index
    while True:
        parts.insert(0, "%03d" % (n % 1000))
        n //= 1000
        if n == 0:
            break
    path = "/".join(["x" + p for p in parts[:-1]] + [parts[-1]])
    return "tile/%s/%s%s" % (level, path, "" if width == 256 else ".p/%d" % width)


def main():
    if len(sys.argv) < 3:
        fail("usage: verify_log.py VKEYFILE checkpoint|receipt|consistency|tiles ...")
    vkey = parse_vkey(open(sys.argv[1]).read())
    command = sys.argv[2]
    if command == "checkpoint":
        size, root = open_checkpoint(open(sys.argv[3]).read(), vkey)
        print("checkpoint verifies: size %d" % size)
    elif command == "receipt":
        text = open(sys.argv[3]).read()
        entry = open(sys.argv[4], "rb").read()
        head, _, note = text.partition("\n\n")
        lines = head.split("\n")
        if lines[0] != "c2sp.org/tlog-proof@v1":
            fail("not a tlog-proof")
        lines = lines[1:]
        if lines and lines[0].startswith("extra "):
            lines = lines[1:]
        index = int(lines[0].split(" ")[1])
        proof = [base64.b64decode(l, validate=True) for l in lines[1:]]
        size, root = open_checkpoint(note, vkey)
        if not verify_inclusion(index, size, leaf_hash(entry), proof, root):
            fail("the inclusion proof does not verify")
        print("receipt verifies: entry %d in a tree of %d" % (index, size))
    elif command == "consistency":
        old_size, old_root = open_checkpoint(open(sys.argv[3]).read(), vkey)
        new_size, new_root = open_checkpoint(open(sys.argv[4]).read(), vkey)
        proof = [base64.b64decode(l, validate=True) for l in open(sys.argv[5]).read().split()]
        if not verify_consistency(old_size, new_size, old_root, new_root, proof):
            fail("the consistency proof does not verify")
        print("consistency verifies: %d -> %d" % (old_size, new_size))
    elif command == "tiles":
        base = sys.argv[3]
        size, root = open_checkpoint(open(os.path.join(base, "checkpoint")).read(), vkey)
        # Rebuild the tree from the entry bundles and compare every tile and the root.
        leaves = []
        index = 0
        while index * 256 < size:
            width = min(256, size - index * 256)
            data = open(os.path.join(base, tile_path("entries", index, width).replace("tile/entries", "tile/entries")), "rb").read()
            offset = 0
            for _ in range(width):
                (length,) = struct.unpack(">H", data[offset:offset + 2])
                leaves.append(leaf_hash(data[offset + 2:offset + 2 + length]))
                offset += 2 + length
            if offset != len(data):
                fail("entry bundle %d has trailing bytes" % index)
            index += 1
        levels = [leaves]
        while len(levels[-1]) > 1:
            prev = levels[-1]
            levels.append([node_hash(prev[i], prev[i + 1]) for i in range(0, len(prev) - 1, 2)])
        def mth(hashes):
            if len(hashes) == 0:
                return hashlib.sha256(b"").digest()
            if len(hashes) == 1:
                return hashes[0]
            k = 1
            while k * 2 < len(hashes):
                k *= 2
            return node_hash(mth(hashes[:k]), mth(hashes[k:]))
        if mth(leaves) != root:
            fail("the entry bundles do not give the checkpoint's root")
        tile_level = 0
        while tile_level * 8 < len(levels) and len(levels[tile_level * 8]) > 0:
            hashes = levels[tile_level * 8]
            for t in range(0, (len(hashes) + 255) // 256):
                chunk = hashes[t * 256:(t + 1) * 256]
                data = open(os.path.join(base, tile_path(tile_level, t, len(chunk))), "rb").read()
                if data != b"".join(chunk):
                    fail("tile %s does not match the entries" % tile_path(tile_level, t, len(chunk)))
            tile_level += 1
        print("tiles verify: %d entries, root matches the checkpoint" % size)
    else:
        fail("unknown command " + command)


main()
