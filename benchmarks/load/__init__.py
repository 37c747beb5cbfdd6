"""Load test: 100 simulated visitors for 60 s against gunicorn (`make load`)."""
