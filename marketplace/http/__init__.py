"""What the site, the back office and the API share to serve the domain over HTTP:
service calls from views, safe redirects, and the domain's errors as HTTP answers."""
