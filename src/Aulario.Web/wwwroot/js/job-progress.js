// Live progress of /trabajos/{id}: polls the page's JSON handler and redraws the bar, the counts and each item's steps.
// Without JavaScript the page works the same through its refresh link. No build step; text only (no innerHTML).
(function () {
    "use strict";
    var root = document.getElementById("job");
    if (!root || root.dataset.finished === "true") return;
    var url = root.dataset.progressUrl;
    var field = function (name) { return root.querySelector('[data-job="' + name + '"]'); };

    function el(tag, cls, text) {
        var e = document.createElement(tag);
        if (cls) e.className = cls;
        if (text) e.textContent = text;
        return e;
    }

    function render(p) {
        field("statusText").textContent = p.statusText;
        field("bar").value = p.percent;
        field("bar").textContent = p.percent + " %";
        field("summary").textContent = p.summary;
        field("timeLeft").textContent = p.timeLeft;
        var list = field("items");
        list.replaceChildren();
        p.items.forEach(function (item) {
            var li = el("li", "job-item");
            var head = el("p");
            head.appendChild(el("strong", null, item.key));
            head.appendChild(document.createTextNode(" — " + item.status));
            li.appendChild(head);
            if (item.message) li.appendChild(el("p", "hint", item.message));
            if (item.steps.length) {
                var steps = el("ol", "steps");
                item.steps.forEach(function (s) {
                    var step = el("li", "step step-" + s.state, s.name + " ");
                    step.appendChild(el("span", "step-state", "(" + s.stateText + ")"));
                    steps.appendChild(step);
                });
                li.appendChild(steps);
            }
            list.appendChild(li);
        });
    }

    function poll() {
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (p) {
                if (!p) return setTimeout(poll, 5000);
                render(p);
                // Finished: reload once so the cancel/retry buttons match the final state.
                if (p.finished) window.location.reload();
                else setTimeout(poll, 1500);
            })
            .catch(function () { setTimeout(poll, 5000); });
    }

    setTimeout(poll, 1000);
})();
