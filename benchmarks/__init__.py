"""Benchmarks: a data generator, a table of timings and sizes, and a load test."""
