# A hosted copy of the dashboard: Streamlit behind nginx, which compresses the page's JavaScript, CSS and JSON
# (Streamlit alone sends them uncompressed; a phone on a slow link waits ~2.6× longer for its first text).
# Its file system is temporary: edits go through the repository, not the app.
FROM python:3.11-slim
# A hosted copy's data changes only with a new image, so open pages need not poll the file.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 EVENTS_POLL_SECONDS=0
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt && useradd --create-home --uid 10001 app
COPY --chown=app:app . .
USER app
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health').status != 200)"
# nginx on 8501 in front of one `streamlit run dashboard.py` per --processes (see deploy/serve.py).
CMD ["python", "deploy/serve.py", "--port", "8501", "--processes", "1"]
