"""`python -m zentrik_server serve | worker | keys create|list|revoke | model train|status`.

Settings come from the ZENTRIK_* environment (config.Settings; an invalid one stops the
command with a message naming it). `keys create` prints the new key alone on stdout so
scripts can capture it; everything else informative goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from zentrik_server.config import (
    SCOPES,
    ConfigurationError,
    Settings,
    as_environment,
    load_settings,
)
from zentrik_server.private_files import keep_private

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigurationError as error:
        print(error, file=sys.stderr)
        return 2
    keep_private(settings.data_dir)
    handler = {
        "serve": _serve,
        "worker": _worker,
        "create": _keys_create,
        "list": _keys_list,
        "revoke": _keys_revoke,
        "train": _model_train,
        "status": _model_status,
    }[args.action]
    return handler(settings, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m zentrik_server")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API server")
    serve.set_defaults(action="serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8787)
    serve.add_argument("--workers", type=int, default=1, help="API processes")
    serve.add_argument("--no-worker", action="store_true", help="no in-process job worker")

    worker = commands.add_parser("worker", help="run a job worker (processes signals)")
    worker.set_defaults(action="worker")
    worker.add_argument("--concurrency", type=int, default=1)

    keys = commands.add_parser("keys", help="manage API keys").add_subparsers(
        dest="keys_command", required=True
    )
    create = keys.add_parser("create", help="create a key; prints it alone on stdout")
    create.set_defaults(action="create")
    create.add_argument("--workspace", required=True)
    create.add_argument("--scope", action="append", choices=SCOPES, dest="scopes")
    create.add_argument("--name", default="")
    listing = keys.add_parser("list", help="list keys (never their secret)")
    listing.set_defaults(action="list")
    listing.add_argument("--workspace")
    revoke = keys.add_parser("revoke", help="revoke a key by id")
    revoke.set_defaults(action="revoke")
    revoke.add_argument("key_id")

    model = commands.add_parser("model", help="a workspace's model of its triage").add_subparsers(
        dest="model_command", required=True
    )
    for action, text in (("train", "retrain it on every decision now"), ("status", "show it")):
        command = model.add_parser(action, help=text)
        command.set_defaults(action=action)
        command.add_argument("--workspace", required=True)
    return parser


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    if args.no_worker:
        settings = settings.model_copy(update={"run_worker": False})
    print(
        f"Zentrik API on http://{args.host}:{args.port} (data: {settings.data_dir})",
        file=sys.stderr,
    )
    from zentrik_server.header_limit import uvicorn_http_options

    options = {
        "host": args.host,
        "port": args.port,
        "access_log": False,
        "log_level": "warning",
        **settings.proxy_options(),
        **uvicorn_http_options(settings),
    }
    if args.workers > 1:
        # uvicorn starts the processes; each builds its app from the environment it inherits.
        os.environ.update(as_environment(settings))
        uvicorn.run(
            "zentrik_server.app:app_from_env", factory=True, workers=args.workers, **options
        )
        return 0
    from zentrik_server.app import create_app

    uvicorn.run(create_app(settings), **options)
    return 0


def _worker(settings: Settings, args: argparse.Namespace) -> int:
    import zentrik_server.tasks  # noqa: F401  (registers the tasks the worker runs)
    from zentrik_server.jobs.worker import run_worker

    run_worker(settings, args.concurrency)
    return 0


def _keys_create(settings: Settings, args: argparse.Namespace) -> int:
    from zentrik_server.admin import service

    with _session(settings) as session:
        record = service.create_key(session, args.workspace, args.scopes, args.name)
    print(record["key"])
    return 0


def _keys_list(settings: Settings, args: argparse.Namespace) -> int:
    from zentrik_server.admin import service

    with _session(settings) as session:
        records = service.list_keys(session, args.workspace)
    print("id\tworkspace\tname\tprefix\tscopes\tcreated\trevoked")
    for r in records:
        revoked = r["revokedAt"].isoformat() if r["revokedAt"] else "-"
        print(
            f"{r['id']}\t{r['workspace']}\t{r['name'] or '-'}\t{r['prefix']}…\t"
            f"{','.join(r['scopes'])}\t{r['createdAt'].isoformat()}\t{revoked}"
        )
    return 0


def _keys_revoke(settings: Settings, args: argparse.Namespace) -> int:
    from zentrik_server.admin import service
    from zentrik_server.errors import NotFound

    with _session(settings) as session:
        try:
            service.revoke_key(session, args.key_id)
        except NotFound as error:
            print(error.message, file=sys.stderr)
            return 1
    print(f"revoked {args.key_id}", file=sys.stderr)
    return 0


def _model_train(settings: Settings, args: argparse.Namespace) -> int:
    from zentrik_server.db.engine import make_sessionmaker
    from zentrik_server.learning import store

    with _session(settings) as session:
        found = _workspace(session, args.workspace)
        factory = make_sessionmaker(session.get_bind())
    if found is None:
        return 1
    _print_model(store.retrain(factory, found))
    return 0


def _model_status(settings: Settings, args: argparse.Namespace) -> int:
    from zentrik_server.learning import store

    with _session(settings) as session:
        found = _workspace(session, args.workspace)
        if found is None:
            return 1
        _print_model(store.status(session, found))
    return 0


def _workspace(session: Session, name: str) -> str | None:
    from zentrik_server.errors import NotFound
    from zentrik_server.learning import store

    try:
        return store.workspace_id(session, name)
    except NotFound as error:
        print(error.message, file=sys.stderr)
        return None


def _print_model(status: dict[str, Any]) -> None:
    if not status["trained"]:
        print(f"decisions: {status['decisions']}; no model trained yet (the engine alone)")
        return
    f1 = status["estimatedF1"]
    print(
        f"decisions used: {status['learnedFrom']} (of {status['decisions']} recorded); "
        f"version {status['version']}; trained {status['trainedAt'].isoformat()}; "
        f"cross-validated F1 {'-' if f1 is None else f'{f1:.3f}'} "
        f"(engine alone {status['baseF1'] if status['baseF1'] is not None else '-'})"
    )


def _session(settings: Settings) -> Session:
    from zentrik_server.db.engine import make_engine, make_sessionmaker
    from zentrik_server.db.migrate import upgrade

    engine = make_engine(settings)
    upgrade(engine, settings.data_dir)
    return make_sessionmaker(engine)()
