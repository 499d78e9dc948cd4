FROM python:latest
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt
ENV DB_HOST=db.interne
EXPOSE 80
CMD ["python", "app.py", "--port", "80"]
