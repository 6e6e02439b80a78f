"""Freed heap goes back to the OS between build phases (glibc, as on the machines we ship to)."""
from rag.index.memory import release_free_memory


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024


def test_release_free_memory_returns_freed_heap_pages():
    # 2 KB objects come from malloc's heap (not pymalloc, not mmap); the last one stays alive,
    # so the heap cannot simply shrink from the top: only a trim hands the middle back.
    blocks = [bytes(2048) + str(i).encode() for i in range(100_000)]
    keep = blocks[-1]
    del blocks
    before = rss_mb()
    assert release_free_memory()
    assert before - rss_mb() > 100, "about 200 MB were freed; most of it should leave the process"
    assert keep.endswith(b"99999")
