"""Evaluation data of any size, for tests and benchmarks: the shape monitoring.evaluation.freeze
writes, with measures in every status."""


def sample_data(year, count):
    measures = []
    for n in range(count):
        code = f"{n // 25 + 1}.{n // 5 % 5 + 1}.{n % 5 + 1}"
        measures.append(
            {
                "id": f"id-{n}",
                "code": code,
                "anchor": "opatreni-" + code.replace(".", "-"),
                "title": f"Opatření {n}",
                "chapter": None,
                "priority_title": f"Priorita {n // 25 + 1}",
                "goal_title": "Cíl",
                "in_action_plan": True,
                "approved": True,
                "status": ["splneno", "castecne", "nesplneno"][n % 3],
                "percent": [100, 50, 0][n % 3],
                "narrative": "Text.",
                "reasons": "" if n % 3 == 0 else "Důvod.",
                "next_steps": "",
                "indicators": [
                    {
                        "name": "klienti",
                        "unit": "osob",
                        "baseline": "1",
                        "target": "5",
                        "actual": "4",
                        "source": "výkaz",
                    }
                ],
                "funding": [{"source": "obce", "planned": 1000, "approved": 900, "actual": 800}],
                "evidence": [],
                "partners": [],
            }
        )
    return {"year": year, "round": None, "measures": measures}
