"""llama_cpp.server with mean pooling, for the remote-embedding tests: its CLI has no pooling
option, and a chat model's GGUF names none, so /v1/embeddings would return one vector per
token instead of one per text. Arguments as for `python -m llama_cpp.server`."""
import functools

import llama_cpp

llama_cpp.Llama = functools.partial(llama_cpp.Llama, pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN)

from llama_cpp.server.__main__ import main  # noqa: E402  (after the patch: it looks Llama up when it loads)

if __name__ == "__main__":
    main()
