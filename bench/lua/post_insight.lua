-- POST /external/v1/insights with a small JSON body.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name": "Export is slow on large workspaces", "description": "Seen in three interviews.", "status": "draft", "type": "feedback", "tagIds": ["bench"]}'
