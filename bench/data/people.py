"""Finnish and Finland-Swedish first names and surnames for accounts and participants."""

FIRST_NAMES = (
    "Aino Aleksi Anna Antti Eero Eeva Elina Emilia Emma Hanna Heikki Helena Helmi Ilkka "
    "Irma Jari Johanna Juha Jukka Kaisa Kalle Katja Kirsi Lauri Leena Liisa Maija Marja "
    "Markku Matti Mika Minna Niina Noora Oona Otto Paula Pekka Petri Pirjo Riikka Ritva "
    "Sanna Sari Seppo Sirpa Taina Tapio Tarja Timo Tuomas Tuula Veera Ville Anders Britt "
    "Johan Linnea Mikael Stina Ahmed Olena Fatima Dmitri Amina"
).split()

LAST_NAMES = (
    "Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen "
    "Järvinen Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen "
    "Salonen Turunen Salo Laitinen Tuominen Rantanen Karjalainen Jokinen Mattila Savolainen "
    "Lahtinen Ahonen Hiltunen Leppänen Kallio Väisänen Lindholm Nyström Ekholm Sjöberg "
    "Grönroos Forsman Hakala Aaltonen Peltonen Kettunen Rautio Ylönen Pesonen Hirvonen"
).split()

ASCII = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "Ä": "a", "Ö": "o", "Å": "a"})


def email_local(first: str, last: str) -> str:
    return f"{first}.{last}".lower().translate(ASCII)
