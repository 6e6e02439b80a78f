"""The eval harness: gold questions in, metrics, per-question results, report and plots out."""
