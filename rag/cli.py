"""The `rag` command: ingest, ask, chat, eval, serve, stats. Errors are one readable line and a non-zero exit."""
from __future__ import annotations

import argparse
import json
import sys

from rag.answer.base import Answer
from rag.config import ConfigError, Secrets, load_settings
from rag.conversation import Conversation
from rag.corpus import CorpusError
from rag.index.store import StoreError
from rag.llm.base import BackendError
from rag.pipeline import RETRIEVERS, Pipeline, QuestionError, internal_error

EXIT_USAGE, EXIT_FAIL = 2, 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
        pipeline = Pipeline(settings, Secrets.from_env(settings))
        return args.func(pipeline, args)
    except (ConfigError, CorpusError, QuestionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("interrupted; run the same command again to resume", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rag", description="Question answering over research-paper listings, with citations.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", help="config file (default: ./config.yaml if present, else the packaged one)")
    sub = p.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", parents=[common], help="index the corpus (only what changed is embedded)")
    ing.add_argument("--corpus", nargs="+", metavar="PATH", help="listing .txt / .jsonl files or folders")
    ing.add_argument("--rebuild", action="store_true",
                     help="delete the index first and embed everything again (e.g. after changing the embedding model)")
    ing.set_defaults(func=cmd_ingest)

    ask = sub.add_parser("ask", parents=[common], help="ask a question")
    ask.add_argument("question")
    ask.add_argument("--top-k", type=int, help="papers to retrieve")
    ask.add_argument("--backend", help="answer backend (default from config)")
    ask.add_argument("--retriever", choices=RETRIEVERS, default="hybrid")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--stream", action="store_true", help="print the answer as it is generated")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", parents=[common],
                          help="ask questions one per line, with follow-ups ('which of those ...', 'what about 2024?')")
    chat.add_argument("--top-k", type=int, help="papers to retrieve")
    chat.add_argument("--backend", help="answer backend (default from config)")
    chat.set_defaults(func=cmd_chat)

    ev = sub.add_parser("eval", parents=[common], help="measure retrieval and answers on a question set")
    ev.add_argument("--questions", default=None, help="JSONL question set (default: the shipped dev set)")
    ev.add_argument("--backend", help="answer backend (default from config)")
    ev.add_argument("--retriever", choices=RETRIEVERS, default="hybrid")
    ev.add_argument("--compare", help="comma-separated systems: retrievers (bm25), backends, or retriever/backend")
    ev.add_argument("--out", default="eval/out", help="output folder")
    ev.add_argument("--judge", metavar="BACKEND",
                    help="also grade answers against the gold answers with this LLM backend (labelled LLM-judged)")
    ev.set_defaults(func=cmd_eval)

    be = sub.add_parser("backends", parents=[common], help="list answer backends and whether each is reachable")
    be.set_defaults(func=cmd_backends)

    srv = sub.add_parser("serve", parents=[common], help="serve the chat page")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=7860)
    srv.add_argument("--insecure", action="store_true", help="allow a non-local address without a login")
    srv.set_defaults(func=cmd_serve)

    st = sub.add_parser("stats", parents=[common], help="what the index holds")
    st.set_defaults(func=cmd_stats)
    return p


def cmd_ingest(pipeline: Pipeline, args) -> int:
    report = pipeline.ingest(args.corpus, rebuild=args.rebuild)
    for err in report.errors:
        print(f"skipped: {err}", file=sys.stderr)
    print(report.summary())
    return 0


def ensure_index(pipeline: Pipeline) -> None:
    if pipeline.index_is_empty():
        print("The index is empty (or has no sentence vectors yet): building what is missing from the configured "
              "corpus.", file=sys.stderr)
        print(pipeline.ingest().summary(), file=sys.stderr)


def cmd_ask(pipeline: Pipeline, args) -> int:
    ensure_index(pipeline)
    pieces = pipeline.ask_stream(args.question, top_k=args.top_k, backend=args.backend, retriever=args.retriever)
    for item in pieces:
        if isinstance(item, Answer):
            result = item
        elif args.stream and not args.json:
            print(item, end="", flush=True)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(("\n" if args.stream else "") + ("" if args.stream else result.answer))
    _print_sources(result)
    return 0


def cmd_chat(pipeline: Pipeline, args) -> int:
    """Questions from standard input, one per line, until end of input or "exit"; each answer
    streams out with its sources. A question that fails says why and the chat goes on."""
    ensure_index(pipeline)
    conversation = Conversation()
    prompt = "> " if sys.stdin.isatty() else ""
    while True:
        try:
            question = input(prompt).strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question.lower() in ("exit", "quit"):
            return 0
        if not question:
            continue
        if not prompt:  # a piped transcript shows what was asked
            print(f"> {question}")
        try:
            for item in conversation.ask_stream(pipeline, question, top_k=args.top_k, backend=args.backend):
                if isinstance(item, Answer):
                    print()
                    _print_sources(item)
                else:
                    print(item, end="", flush=True)
        except (QuestionError, BackendError, StoreError) as exc:
            print(f"error: {exc}", file=sys.stderr)
        except Exception as exc:  # a bug stops this answer, not the chat (`rag ask` shows its traceback)
            print(f"error: {internal_error(exc)}", file=sys.stderr)
        except KeyboardInterrupt:  # stops this answer, not the chat
            print("\n(interrupted)")
        print()


def _print_sources(result: Answer) -> None:
    if result.invalid_citations:
        print(f"\n(removed citations to sources that do not exist: {result.invalid_citations})")
    if result.uncited and not result.abstained:
        print("\n(warning: this answer cites no source)")
    for sentence in result.unsupported_sentences:
        print(f"(weakly supported: {sentence})")
    if result.read_as:
        print(f"\n(read as: {result.read_as})")
    if result.citations:
        print("\nSources:")
        for c in result.citations:
            extra = ", ".join(str(x) for x in (c.date, c.org) if x)
            flag = "" if c.supported in (None, True) else "  [support weak]"
            print(f"  [{c.n}] {c.title}" + (f" ({extra})" if extra else "") + flag)


def cmd_backends(pipeline: Pipeline, args) -> int:
    default = pipeline.settings.answer.backend
    for name, problem in pipeline.backend_status().items():
        cfg = pipeline.settings.backends[name]
        where = cfg.base_url or cfg.model_path or ""
        mark = "ok  " if not problem else "DOWN"
        print(f"{mark} {name}{' (default)' if name == default else ''}: {cfg.kind} {cfg.model} {where}".rstrip()
              + (f"\n       {problem}" if problem else ""))
    return 0


def cmd_eval(pipeline: Pipeline, args) -> int:
    from pathlib import Path

    from rag.eval.harness import System, evaluate, load_questions, writable
    from rag.eval.report import table

    judge = judge_for(pipeline, args.judge)  # a bad --judge fails before any work
    writable(Path(args.out))  # and so does a report folder that cannot be written
    ensure_index(pipeline)
    questions = load_questions(args.questions or default_questions())
    specs = args.compare.split(",") if args.compare else [f"{args.retriever}/{args.backend}" if args.backend else args.retriever]
    systems = [System.parse(s.strip(), args.backend) for s in specs if s.strip()]
    metrics = evaluate(pipeline, questions, systems, Path(args.out), judge=judge)
    per_system = metrics.get("systems") or {systems[0].name: metrics}
    print(table(per_system))
    if judge:
        v = metrics["judge_verdicts"]
        print(f"\njudge {judge.name}: {v['usable']} verdicts, {v['not_a_verdict']} replies that were not a verdict")
    print(f"\nwritten to {args.out}/ (metrics.json, results.jsonl, report.md, plots)")
    return 0


def judge_for(pipeline: Pipeline, name: str | None):
    from rag.eval.judge import Judge

    if not name:
        return None
    backends = pipeline.settings.backends
    if name not in backends or backends[name].kind == "extractive":
        llms = ", ".join(n for n, b in backends.items() if b.kind != "extractive")
        raise QuestionError(f"--judge needs an LLM backend; {name!r} is not one (configured: {llms})")
    model = pipeline.chat_model(name)
    if problem := model.check():
        raise QuestionError(f"the judge backend {name!r} is not usable: {problem}")
    return Judge(model)


def default_questions() -> str:
    from importlib import resources

    return str(resources.files("rag") / "data" / "dev_questions.jsonl")


def cmd_serve(pipeline: Pipeline, args) -> int:
    import threading

    from rag.config import UI_PASSWORD_ENV, UI_USER_ENV
    from rag.ui.app import check_address, serve

    secrets = pipeline.secrets  # read at start-up with the config; the login is never logged
    check_address(args.host, args.port, args.insecure, secrets.get(UI_USER_ENV), secrets.get(UI_PASSWORD_ENV))
    ensure_index(pipeline)
    # Load the model and term statistics while Gradio imports, rather than on the first question.
    threading.Thread(target=pipeline.warm_up, daemon=True).start()
    serve(pipeline, args.host, args.port, args.insecure, secrets.get(UI_USER_ENV), secrets.get(UI_PASSWORD_ENV))
    return 0


def cmd_stats(pipeline: Pipeline, args) -> int:
    for key, value in pipeline.stats().items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
