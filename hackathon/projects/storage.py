"""Where project files' bytes live: a folder on disk by default, an S3-compatible object store for several workers.

Both keep bytes under a key the platform makes (`projects/<event id>/<random>.<ext>`); the database keeps the
key with the file's name, type, size and checksum. A store is chosen once per app from the configuration:
`PROJECT_FILES_S3_BUCKET` set → `S3Store` (with `PROJECT_FILES_S3_ENDPOINT` for MinIO, Ceph, …; credentials the
usual AWS way: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`), otherwise `DiskStore` in `PROJECT_FILES_DIR`
(default `instance/uploads`). Bytes are written before the database row and removed after it is gone, so that
no write transaction waits on a disk or a network.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app

EXTENSION_KEY = "hackathon.project_files"
KEY_PATTERN = re.compile(r"^projects/\d{1,18}/[A-Za-z0-9_-]{16,64}\.(pdf|png|jpg|webp)$")


class FileMissing(Exception):
    """The store has no bytes under that key."""


class FileStore(Protocol):
    """What the platform needs of a place for bytes."""

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Keep the bytes under the key (replacing nothing: keys are new)."""

    def get(self, key: str) -> bytes:
        """The bytes under the key; `FileMissing` if there are none."""

    def delete(self, key: str) -> None:
        """Forget the key; nothing happens if it is unknown."""


def check_key(key: str) -> str:
    """A key the platform made, never a path from outside (`ValueError` otherwise)."""
    if not KEY_PATTERN.match(key or ""):
        raise ValueError(f"not a project file key: {key!r}")
    return key


class DiskStore:
    """Files in a folder: written to a temporary name, then renamed, so that a reader never sees half a file."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise FileMissing(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Store:
    """Files in a bucket of an S3-compatible object store (AWS S3, MinIO, Ceph …), shared by every worker."""

    def __init__(self, bucket: str, *, endpoint_url: str | None = None, region: str | None = None,
                 prefix: str = "") -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = boto3.client("s3", endpoint_url=endpoint_url or None, region_name=region or None,
                                   config=Config(retries={"max_attempts": 3, "mode": "standard"},
                                                 connect_timeout=5, read_timeout=20))

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type)

    def get(self, key: str) -> bytes:
        from botocore.exceptions import ClientError

        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                raise FileMissing(key) from None
            raise
        return answer["Body"].read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))


def build_store(config: dict, instance_path: str) -> FileStore:
    """The store the configuration asks for."""
    bucket = config.get("PROJECT_FILES_S3_BUCKET")
    if bucket:
        return S3Store(bucket, endpoint_url=config.get("PROJECT_FILES_S3_ENDPOINT"),
                       region=config.get("PROJECT_FILES_S3_REGION"), prefix=config.get("PROJECT_FILES_S3_PREFIX", ""))
    return DiskStore(config.get("PROJECT_FILES_DIR") or Path(instance_path) / "uploads")


def install(app: Flask) -> None:
    """Give the app its file store (the wiring calls this)."""
    app.extensions[EXTENSION_KEY] = build_store(app.config, app.instance_path)


def file_store() -> FileStore:
    """The current app's file store."""
    return current_app.extensions[EXTENSION_KEY]
