"""Embedding stage: the offline default model, model resolution and passage encoding."""
