"""pnetp — plataforma do IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas."""
