import { MAX_SCORE } from "../../lib/scoring";

export function ScoreBar({ score }: { score: number }) {
  const percent = Math.max(0, Math.min(100, (score / MAX_SCORE) * 100));
  const level = score >= 60 ? "high" : score >= 30 ? "medium" : "low";
  return (
    <span className="score" title={`Qualification score ${score} of ${MAX_SCORE}`}>
      <span className="score-track" aria-hidden="true">
        <span className={`score-fill score-${level}`} style={{ width: `${percent}%` }} />
      </span>
      <span className="score-number">{score}</span>
    </span>
  );
}
