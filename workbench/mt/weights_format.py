"""What safetensors and CTranslate2 weights look like inside, checked without loading them.

A file in a weights position is accepted by its bytes, never by its name: a pickle renamed
model.bin or model.safetensors fails these checks and is never handed to a loader. Only headers are
read (a few kilobytes even for a 3 GB model); the tensor data is skipped by seeking.
"""

from __future__ import annotations

import json
import os
import struct
from typing import BinaryIO

#: the newest model.bin layout our CTranslate2 reads (ctranslate2.specs.model_spec.CURRENT_BINARY_VERSION;
#: not imported from there because that module imports torch)
CT2_BINARY_VERSION = 6
#: the safetensors library refuses headers past 100 MB; so do we
MAX_SAFETENSORS_HEADER = 100 * 1024**2
#: NLLB-3.3B has about 1,500 variables; a header claiming millions is not a model
MAX_CT2_VARIABLES = 200_000
MAX_CT2_RANK = 8


class _Malformed(Exception):
    """The header breaks the structure; the argument says how, in a user's words."""


_TRUNCATED = "it ends before the variables its header announces"


def safetensors_problem(handle: BinaryIO) -> str | None:
    """Why `handle` is not a safetensors file, or None if it is one.

    Layout: a little-endian u64 header length, a JSON object of tensors (dtype, shape, data offsets
    into the bytes after the header), then the data. The offsets must fit the file."""
    size = os.fstat(handle.fileno()).st_size
    head = handle.read(8)
    if len(head) < 8:
        return "it is too short to be safetensors"
    (header_length,) = struct.unpack("<Q", head)
    if header_length == 0 or header_length > MAX_SAFETENSORS_HEADER or 8 + header_length > size:
        return "its first 8 bytes are not a safetensors header length that fits the file"
    try:
        header = json.loads(handle.read(header_length).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "its header is not the JSON a safetensors file starts with"
    if not isinstance(header, dict):
        return "its header is not a JSON object of tensors"
    data_size = size - 8 - header_length
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("dtype"), str):
            return f"the tensor {name!r} in its header has no dtype"
        shape, offsets = entry.get("shape"), entry.get("data_offsets")
        if not (isinstance(shape, list) and all(isinstance(d, int) and d >= 0 for d in shape)):
            return f"the tensor {name!r} in its header has no valid shape"
        if not (
            isinstance(offsets, list)
            and len(offsets) == 2
            and all(isinstance(o, int) for o in offsets)
            and 0 <= offsets[0] <= offsets[1] <= data_size
        ):
            return f"the data of tensor {name!r} lies outside the file"
    return None


def ct2_model_problem(handle: BinaryIO) -> str | None:
    """Why `handle` is not a CTranslate2 model.bin, or None if its structure is whole.

    Layout (CTranslate2's ModelSpec serialisation): u32 binary version; from version 2 the spec name
    and a u32 revision; u32 variable count; each variable: name, u8 rank, rank u32 dimensions, a u8
    type and u32 byte count (from version 4; before, a u8 item size and u32 item count), its bytes;
    from version 3 a u32 alias count and alias/name pairs; nothing after. Strings are a u16 length
    counting a final NUL, then UTF-8."""
    size = os.fstat(handle.fileno()).st_size
    try:
        (version,) = _unpack(handle, "<I")
        if not 1 <= version <= CT2_BINARY_VERSION:
            return (
                f"it does not start with a CTranslate2 binary version this program reads "
                f"(1 to {CT2_BINARY_VERSION}; found {version})"
            )
        if version >= 2:
            _string(handle)
            _unpack(handle, "<I")
        (count,) = _unpack(handle, "<I")
        if count == 0 or count > MAX_CT2_VARIABLES:
            return f"its header announces {count} variables"
        for _ in range(count):
            _string(handle)
            (rank,) = _unpack(handle, "<B")
            if rank > MAX_CT2_RANK:
                return f"a variable has {rank} dimensions"
            _unpack(handle, f"<{rank}I")
            if version >= 4:
                _type_id, length = _unpack(handle, "<BI")
            else:
                item_size, items = _unpack(handle, "<BI")
                length = item_size * items
            if handle.tell() + length > size:
                raise _Malformed(_TRUNCATED)
            handle.seek(length, os.SEEK_CUR)
        if version >= 3:
            (aliases,) = _unpack(handle, "<I")
            if aliases > MAX_CT2_VARIABLES:
                return f"its header announces {aliases} aliases"
            for _ in range(2 * aliases):
                _string(handle)
    except _Malformed as exc:
        return str(exc)
    if handle.tell() != size:
        return "it has bytes after the last variable"
    return None


def _unpack(handle: BinaryIO, layout: str) -> tuple[int, ...]:
    wanted = struct.calcsize(layout)
    data = handle.read(wanted)
    if len(data) < wanted:
        raise _Malformed(_TRUNCATED)
    return struct.unpack(layout, data)


def _string(handle: BinaryIO) -> str:
    (length,) = _unpack(handle, "<H")
    data = handle.read(length)
    if len(data) < length:
        raise _Malformed(_TRUNCATED)
    if length == 0 or data[-1] != 0:
        raise _Malformed("a name in its header does not end as CTranslate2 writes names")
    try:
        return data[:-1].decode("utf-8")
    except UnicodeDecodeError:
        raise _Malformed("a name in its header is not UTF-8") from None
